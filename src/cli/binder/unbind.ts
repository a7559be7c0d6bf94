/**
 * `modalias unbind DEVICE...`: release each device from its vfio driver.
 */
import type { Command } from "commander";
import { binderContext } from "../../binder/context.js";
import { unbindDevices } from "../../binder/unbind.js";
import { addPersistOptions, emitPersisted, persistRoot } from "../system/persist-step.js";
import { parseDevices } from "./devices.js";
import { addCommonOptions, addDryRunOption, addForceOption, flag, settingsFrom } from "./options.js";
import { outputOf } from "./output.js";

const EXAMPLE = `
Example:
  $ sudo modalias unbind 0000:01:00.0
  0000:01:00.0: released from vfio-pci; now bound to nouveau
  $ sudo modalias unbind --no-reprobe 0000:01:00.0
  0000:01:00.0: released from vfio-pci; left unbound
  $ sudo modalias unbind --persist 0000:01:00.0
  0000:01:00.0: released from vfio-pci; now bound to nouveau
  0000:01:00.0: forgot persisted vfio-pci (removed /etc/driverctl.d/pci-0000:01:00.0)`;

/** Adds the `unbind` command. */
export function registerUnbindCommand(program: Command): void {
  const cmd = program
    .command("unbind")
    .description("release each device from its vfio driver, clear driver_override and reprobe")
    .argument("<device...>", "PCI address: DDDD:BB:DD.F, or BB:DD.F for domain 0000")
    .option("--no-reprobe", "leave the device unbound instead of letting a host driver take it");
  addForceOption(cmd, "release the device even if it is not bound to a vfio driver");
  addDryRunOption(cmd);
  addPersistOptions(cmd, "also forget the driver recorded in /etc/driverctl.d");
  addCommonOptions(cmd, { modprobe: true }).addHelpText("after", EXAMPLE);
  cmd.action(async (devices: string[], _opts: unknown, command: Command) => {
    const output = outputOf(command);
    const addresses = parseDevices(devices, output);
    if (addresses === null) return;
    const opts = command.optsWithGlobals();
    const reports = await unbindDevices(binderContext(settingsFrom(opts)), addresses, {
      force: flag(opts, "force"),
      dryRun: flag(opts, "dryRun"),
      reprobe: opts["reprobe"] !== false,
    });
    const root = persistRoot(opts);
    for (const r of reports) await emitPersisted(output, flag(opts, "json"), r, root, flag(opts, "dryRun"));
  });
}
