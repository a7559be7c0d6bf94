/**
 * `modalias bind DEVICE...`: hand each device to the vfio driver its
 * vfio_pci alias chooses. One result per device (text, or one JSON object per
 * line with --json); exit status 1 when a device is refused or fails.
 */
import type { Command } from "commander";
import { bindDevices } from "../binder/bind.js";
import { binderContext } from "../binder/transaction.js";
import { addPersistOptions, emitChange, type PersistOptions, persistRoot } from "./changes.js";
import {
  addDeviceOptions,
  addDryRunOption,
  addModprobeOption,
  DEVICE_ARGUMENT,
  type DeviceOptions,
  type ModprobeOption,
  openChooser,
  parseDevices,
} from "./device-options.js";
import type { CommandContext } from "./output.js";
import { addSourceOptions, type SourceOptions } from "./sources.js";

type BindOptions = DeviceOptions &
  ModprobeOption &
  PersistOptions &
  SourceOptions & {
    force?: boolean;
    dryRun?: boolean;
  };

const EXAMPLE = `
Steps: read modalias, choose the vfio driver for vfio_ + modalias, check the
device may be taken, modprobe -b the module, set driver_override, unbind,
probe, verify. A failure after the first write restores the old binding.

Example:
  $ modalias bind --dry-run 0000:01:00.0
  0000:01:00.0: would bind to vfio-pci (module vfio_pci), now no driver
    modprobe -b vfio_pci
    echo vfio-pci > /sys/bus/pci/devices/0000:01:00.0/driver_override
    echo 0000:01:00.0 > /sys/bus/pci/drivers_probe
  $ sudo modalias bind 01:00.0
  0000:01:00.0: bound to vfio-pci (module vfio_pci), was no driver
  $ sudo modalias bind --persist 01:00.0
  0000:01:00.0: already bound to vfio-pci (module vfio_pci); nothing changed
  0000:01:00.0: persisted vfio-pci in /etc/driverctl.d/pci-0000:01:00.0`;

export function defineBind(command: Command, { output }: CommandContext): void {
  command
    .description("bind each device to the vfio driver its vfio_pci alias chooses")
    .argument("<device...>", DEVICE_ARGUMENT)
    .option("--force", "take the device from a host driver, even with routes or mounts");
  addDryRunOption(command);
  addPersistOptions(command, "also record the driver in /etc/driverctl.d, so it is bound again at boot");
  addModprobeOption(addDeviceOptions(command));
  addSourceOptions(command)
    .addHelpText("after", EXAMPLE)
    .action(async (devices: string[], options: BindOptions) => {
      const addresses = parseDevices(devices, output);
      if (addresses === null) return;
      const choose = await openChooser(options, output);
      const reports = await bindDevices(binderContext(options), choose, addresses, {
        force: options.force === true,
        dryRun: options.dryRun === true,
      });
      const root = persistRoot(options);
      for (const r of reports) await emitChange(output, options.json === true, r, root, options.dryRun === true);
    });
}
