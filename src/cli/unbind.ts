/**
 * `modalias unbind DEVICE...`: release each device from its vfio driver,
 * clear driver_override and reprobe, so a host driver takes it back.
 *
 * Unlike the other device commands, unbind has no alias source options
 * (--index, --alias-file, -C, ...): it chooses no driver. Whether a device is
 * on a vfio driver is read from sysfs, the kernel's own matching picks the
 * host driver on reprobe, and when none is loaded `modprobe -b MODALIAS`
 * finds it from modprobe's own files.
 */
import type { Command } from "commander";
import { unbindDevices } from "../binder/bind.js";
import { binderContext } from "../binder/transaction.js";
import { addPersistOptions, emitChange, type PersistOptions, persistRoot } from "./changes.js";
import {
  addDeviceOptions,
  addDryRunOption,
  addModprobeOption,
  DEVICE_ARGUMENT,
  type DeviceOptions,
  interruptible,
  type ModprobeOption,
  parseDevices,
} from "./device-options.js";
import type { CommandContext } from "./output.js";

interface UnbindOptions extends DeviceOptions, ModprobeOption, PersistOptions {
  reprobe: boolean;
  force?: boolean;
  dryRun?: boolean;
}

const EXAMPLE = `
Example:
  $ sudo modalias unbind 0000:01:00.0
  0000:01:00.0: released from vfio-pci; now bound to nouveau
  $ sudo modalias unbind --no-reprobe 0000:01:00.0
  0000:01:00.0: released from vfio-pci; left unbound
  $ sudo modalias unbind --persist 0000:01:00.0
  0000:01:00.0: released from vfio-pci; now bound to nouveau
  0000:01:00.0: forgot persisted vfio-pci (removed /etc/driverctl.d/pci-0000:01:00.0)`;

export function defineUnbind(command: Command, { output }: CommandContext): void {
  command
    .description("release each device from its vfio driver, clear driver_override and reprobe")
    .argument("<device...>", DEVICE_ARGUMENT)
    .option("--no-reprobe", "leave the device unbound instead of letting a host driver take it")
    .option("--force", "release the device even if it is not bound to a vfio driver");
  addDryRunOption(command);
  addPersistOptions(command, "also forget the driver recorded in /etc/driverctl.d");
  addModprobeOption(addDeviceOptions(command))
    .addHelpText("after", EXAMPLE)
    .action(async (devices: string[], options: UnbindOptions) => {
      const addresses = parseDevices(devices, output);
      if (addresses === null) return;
      const reports = await interruptible((signal) =>
        unbindDevices(binderContext({ ...options, signal }), addresses, {
          force: options.force === true,
          dryRun: options.dryRun === true,
          reprobe: options.reprobe,
          signal,
        }),
      );
      const root = persistRoot(options);
      for (const r of reports) await emitChange(output, options.json === true, r, root, options.dryRun === true);
    });
}
