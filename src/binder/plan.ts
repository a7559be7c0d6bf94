/**
 * Planning the sysfs writes that move a device between drivers. Pure: the
 * plans depend only on the device's address and binding, so they can be
 * printed by --dry-run exactly as they would be carried out.
 *
 * Binding follows libvirt's order: set driver_override first (so the old
 * driver cannot grab the device back), unbind the current driver, then ask
 * the bus to probe; the caller verifies the result, since a probe write
 * succeeds even when no driver claims the device.
 */
import type { PciAddress } from "./address.js";
import type { Binding } from "../sysfs/device.js";
import type { DriverName } from "../sysfs/names.js";
import { deviceEntry, driverBind, driversProbe, type SysfsPath } from "../sysfs/paths.js";

/** What a write is for; also names the step in an error report. */
export type WriteStep = "set override" | "unbind" | "probe" | "clear override" | "restore override" | "rebind";

/** One sysfs write: `value` into `path`. */
export interface PlannedWrite {
  step: WriteStep;
  path: SysfsPath;
  value: string;
}

/** What clears driver_override: the kernel rejects an empty write, a lone newline clears it. */
export const CLEAR_OVERRIDE = "\n";

/** Writes that bind device `a`, now held by `current` (or nothing), to `target`. */
export function planBind(a: PciAddress, current: DriverName | null, target: DriverName): PlannedWrite[] {
  return [
    { step: "set override", path: deviceEntry(a, "driver_override"), value: target },
    ...(current === null ? [] : [unbindWrite(a)]),
    probeWrite(a),
  ];
}

/** Writes that release device `a` from `current`, clear its override and, if `reprobe`, let a host driver take it. */
export function planUnbind(a: PciAddress, current: DriverName | null, reprobe: boolean): PlannedWrite[] {
  return [
    ...(current === null ? [] : [unbindWrite(a)]),
    { step: "clear override", path: deviceEntry(a, "driver_override"), value: CLEAR_OVERRIDE },
    ...(reprobe ? [probeWrite(a)] : []),
  ];
}

/**
 * Writes that bring device `a` from binding `now` back to binding `before`:
 * release whatever holds it now, put the old override back, and bind the old
 * driver through its `bind` file. If that last write fails, reprobing with
 * the restored override is the fallback (see planReprobe).
 */
export function planRestore(a: PciAddress, now: Binding, before: Binding): PlannedWrite[] {
  const old = before.driver;
  return [
    ...(now.driver !== null && now.driver !== before.driver ? [unbindWrite(a)] : []),
    ...(now.override === before.override
      ? []
      : [
          {
            step: "restore override" as const,
            path: deviceEntry(a, "driver_override"),
            value: before.override ?? CLEAR_OVERRIDE,
          },
        ]),
    ...(old !== null && now.driver !== old ? [{ step: "rebind" as const, path: driverBind(old), value: a }] : []),
  ];
}

/** A single probe of device `a`. */
export function planReprobe(a: PciAddress): PlannedWrite[] {
  return [probeWrite(a)];
}

function unbindWrite(a: PciAddress): PlannedWrite {
  return { step: "unbind", path: deviceEntry(a, "driver/unbind"), value: a };
}

function probeWrite(a: PciAddress): PlannedWrite {
  return { step: "probe", path: driversProbe(), value: a };
}
