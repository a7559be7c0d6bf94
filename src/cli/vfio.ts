/**
 * `modalias vfio DEVICE...`: which vfio driver each device would get, and why.
 */

/**
 * Text for the vfio command: the chosen module, then the modalias, the key,
 * the winning alias and the runner-up, each on its own line.
 */
import type { Command } from "commander";
import { explainVfio, type VfioReport } from "../binder/choose.js";
import { type AliasMatch, placeOf } from "../lookup/lookup.js";
import { SysfsReader } from "../platform/sysfs.js";
import { addCommonOptions, flag, type GetChooser, loadChooser, parseDevices, settingsFrom } from "./options.js";
import { emit, outputOf } from "./output.js";

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

/** The stdout lines for a report that found a driver. */
export function vfioLines(r: VfioReport): string[] {
  return [
    `${r.device}: ${r.module ?? "none"}${r.builtin ? " (built into the kernel)" : ""}`,
    `  modalias   ${r.modalias ?? "?"}`,
    `  key        ${r.key ?? "?"}`,
    `  alias      ${r.best === null ? "none" : hit(r.best)}`,
    `  runner-up  ${r.runnerUp === null ? "none" : `${r.runnerUp.module}, ${hit(r.runnerUp)}`}`,
  ];
}

function hit(h: AliasMatch): string {
  return `${placeOf(h)}: ${h.pattern} (${h.stars} ${h.stars === 1 ? "star" : "stars"})`;
}
