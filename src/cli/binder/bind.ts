/**
 * `modalias bind DEVICE...`: hand each device to its vfio driver.
 */
import type { Command } from "commander";
import { bindDevices } from "../../binder/bind.js";
import { binderContext } from "../../binder/context.js";
import { addPersistOptions, emitPersisted, persistRoot } from "../system/persist-step.js";
import { loadChooser, type GetChooser } from "./chooser.js";
import { parseDevices } from "./devices.js";
import { addCommonOptions, addDryRunOption, addForceOption, flag, settingsFrom } from "./options.js";
import { outputOf } from "./output.js";

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

/** Adds the `bind` command. */
export function registerBindCommand(program: Command, getChooser: GetChooser): void {
  const cmd = program
    .command("bind")
    .description("bind each device to the vfio driver its vfio_pci alias chooses")
    .argument("<device...>", "PCI address: DDDD:BB:DD.F, or BB:DD.F for domain 0000");
  addForceOption(cmd, "take the device from a host driver, even with routes or mounts");
  addDryRunOption(cmd);
  addPersistOptions(cmd, "also record the driver in /etc/driverctl.d, so it is bound again at boot");
  addCommonOptions(cmd, { modprobe: true }).addHelpText("after", EXAMPLE);
  cmd.action(async (devices: string[], _opts: unknown, command: Command) => {
    const output = outputOf(command);
    const addresses = parseDevices(devices, output);
    if (addresses === null) return;
    const opts = command.optsWithGlobals();
    const choose = await loadChooser(getChooser, opts, output);
    if (choose === null) return;
    const reports = await bindDevices(binderContext(settingsFrom(opts)), choose, addresses, {
      force: flag(opts, "force"),
      dryRun: flag(opts, "dryRun"),
    });
    const root = persistRoot(opts);
    for (const r of reports) await emitPersisted(output, flag(opts, "json"), r, root, flag(opts, "dryRun"));
  });
}
