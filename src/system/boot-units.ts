/**
 * The boot-time units that apply persisted vfio choices where driverctl is not
 * installed, as text: a udev rule and a systemd template unit doing for
 * modalias what driverctl's rule and `driverctl@.service` do for driverctl.
 *
 * When a PCI device appears and `/etc/driverctl.d/pci-<address>` exists, the
 * rule asks systemd for `modalias-bind@<address>.service`, which runs
 * `modalias bind --force <address>`: the vfio driver is chosen again from the
 * booted kernel's aliases (a device whose alias no longer matches a vfio
 * driver is refused), and `--force` because a host driver has usually claimed
 * the device by then. `modalias` is found on systemd's PATH.
 */
import { OVERRIDE_DIR } from "./driverctl-layout.js";
import { MARKER } from "./marker.js";

/** The udev rule, on the target system. */
export const UDEV_RULE = "/usr/lib/udev/rules.d/89-modalias.rules";
/** The systemd template unit, on the target system. */
export const BIND_UNIT = "/usr/lib/systemd/system/modalias-bind@.service";

/** The udev rule's text. */
export function udevRule(): string {
  return `${MARKER}
# Applies a persisted vfio choice (${OVERRIDE_DIR}/pci-ADDRESS) when the PCI
# device appears, through modalias-bind@ADDRESS.service.
ACTION=="add", SUBSYSTEM=="pci", TEST=="${OVERRIDE_DIR}/pci-$kernel", TAG+="systemd", ENV{SYSTEMD_WANTS}+="modalias-bind@$kernel.service"
`;
}

/** The systemd template unit's text; the instance is the PCI address. */
export function bindUnit(): string {
  return `${MARKER}
[Unit]
Description=Bind PCI device %i to its persisted vfio driver
DefaultDependencies=no
After=local-fs.target systemd-udevd.service
Before=basic.target
ConditionPathExists=${OVERRIDE_DIR}/pci-%i

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/bin/env modalias bind --force %i
TimeoutStartSec=300
`;
}
