/**
 * `modalias vfio DEVICE...`: which vfio driver each device would get, and why.
 */
import type { Command } from "commander";
import { explainVfio } from "../../binder/explain.js";
import { SysfsReader } from "../../sysfs/reader.js";
import { loadChooser, type GetChooser } from "./chooser.js";
import { parseDevices } from "./devices.js";
import { emit } from "./emit.js";
import { vfioLines } from "./format-vfio.js";
import { addCommonOptions, flag, settingsFrom } from "./options.js";
import { outputOf } from "./output.js";

const EXAMPLE = `
Example:
  $ modalias vfio 0000:3b:00.0
  0000:3b:00.0: mlx5_vfio_pci
    modalias   pci:v000015B3d0000101Esv000015B3sd00000016bc02sc00i00
    key        vfio_pci:v000015B3d0000101Esv000015B3sd00000016bc02sc00i00
    alias      line 11: vfio_pci:v000015B3d0000101Esv*sd*bc*sc*i* (5 stars)
    runner-up  vfio_pci, line 2: vfio_pci:v*d*sv*sd*bc*sc*i* (7 stars)`;

/** Adds the `vfio` command. */
export function registerVfioCommand(program: Command, getChooser: GetChooser): void {
  const cmd = program
    .command("vfio")
    .description("show which vfio driver each device would get and why (touches nothing)")
    .argument("<device...>", "PCI address: DDDD:BB:DD.F, or BB:DD.F for domain 0000");
  addCommonOptions(cmd, { modprobe: false }).addHelpText("after", EXAMPLE);
  cmd.action(async (devices: string[], _opts: unknown, command: Command) => {
    const output = outputOf(command);
    const addresses = parseDevices(devices, output);
    if (addresses === null) return;
    const opts = command.optsWithGlobals();
    const choose = await loadChooser(getChooser, opts, output);
    if (choose === null) return;
    const sysfs = new SysfsReader(settingsFrom(opts).sysfsRoot);
    for (const a of addresses) {
      emit(output, flag(opts, "json"), await explainVfio(sysfs, choose, a), vfioLines, (r) => r.error ?? "failed");
    }
  });
}
