/**
 * `modalias status [DEVICE...]`: ids, driver, override, chosen vfio driver and
 * IOMMU group of the given devices, or of every PCI device.
 */
import type { Command } from "commander";
import { deviceStatus, listPciDevices } from "../../binder/status.js";
import { SysfsReader } from "../../sysfs/reader.js";
import { loadChooser, type GetChooser } from "./chooser.js";
import { parseDevices } from "./devices.js";
import { emit } from "./emit.js";
import { statusLines } from "./format-status.js";
import { addCommonOptions, flag, settingsFrom } from "./options.js";
import { EXIT_USAGE, outputOf } from "./output.js";

const EXAMPLE = `
Example:
  $ modalias status 01:00.0
  0000:01:00.0 10de:2204 driver=nouveau override=- vfio=vfio_pci group=14
    group 14, not usable by vfio yet: also 0000:01:00.1 (snd_hda_intel)`;

/** Adds the `status` command. */
export function registerStatusCommand(program: Command, getChooser: GetChooser): void {
  const cmd = program
    .command("status")
    .description("show driver, override, chosen vfio driver and IOMMU group of devices (all PCI devices by default)")
    .argument("[device...]", "PCI address: DDDD:BB:DD.F, or BB:DD.F for domain 0000");
  addCommonOptions(cmd, { modprobe: false }).addHelpText("after", EXAMPLE);
  cmd.action(async (devices: string[], _opts: unknown, command: Command) => {
    const output = outputOf(command);
    const given = parseDevices(devices, output);
    if (given === null) return;
    const opts = command.optsWithGlobals();
    const choose = await loadChooser(getChooser, opts, output);
    if (choose === null) return;
    const sysfs = new SysfsReader(settingsFrom(opts).sysfsRoot);
    let addresses = given;
    if (addresses.length === 0) {
      try {
        addresses = await listPciDevices(sysfs);
      } catch (err) {
        output.error(null, err instanceof Error ? err.message : String(err));
        output.fail(EXIT_USAGE);
        return;
      }
    }
    for (const a of addresses) {
      emit(output, flag(opts, "json"), await deviceStatus(sysfs, choose, a), statusLines, (r) => r.error ?? "failed");
    }
  });
}
