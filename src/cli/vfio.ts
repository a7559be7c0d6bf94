/**
 * `modalias vfio DEVICE...`: which vfio driver each device would get, and
 * why. Text: the chosen module, then the modalias, the key, the winning alias
 * and the runner-up, each on its own line. Touches nothing.
 */
import type { Command } from "commander";
import { explainVfio, type VfioReport } from "../binder/choose.js";
import { type AliasMatch, placeOf } from "../lookup/lookup.js";
import { DEVICE_ARGUMENT, DEVICE_OPTIONS, type DeviceOptions, parseDevices, reportEach } from "./device-options.js";
import { type CommandSpec, defineSpec } from "./options.js";
import { type CommandContext, printable } from "./output.js";
import { SOURCE_OPTIONS, type SourceOptions } from "./sources.js";

export type VfioOptions = DeviceOptions & SourceOptions;

const EXAMPLE = `
Example:
  $ modalias vfio 0000:3b:00.0
  0000:3b:00.0: mlx5_vfio_pci
    modalias   pci:v000015B3d0000101Esv000015B3sd00000016bc02sc00i00
    key        vfio_pci:v000015B3d0000101Esv000015B3sd00000016bc02sc00i00
    alias      line 11: vfio_pci:v000015B3d0000101Esv*sd*bc*sc*i* (5 stars)
    runner-up  vfio_pci, line 2: vfio_pci:v*d*sv*sd*bc*sc*i* (7 stars)
    rule       the most specific vfio alias (fewest *), as kmod answers`;

export const VFIO: CommandSpec = {
  name: "vfio",
  description: "show which vfio driver each device would get and why (touches nothing)",
  arguments: [["<device...>", DEVICE_ARGUMENT]],
  options: [...DEVICE_OPTIONS, ...SOURCE_OPTIONS],
  helpAfter: EXAMPLE,
};

export function defineVfio(command: Command, context: CommandContext): void {
  defineSpec(command, VFIO).action((devices: string[], options: VfioOptions) => runVfio(devices, options, context));
}

export async function runVfio(devices: string[], options: VfioOptions, { output }: CommandContext): Promise<void> {
  const addresses = parseDevices(devices, output);
  if (addresses === null) return;
  await reportEach(options, output, async () => addresses, explainVfio, vfioLines);
}

/** The stdout lines for a report that found a driver. */
export function vfioLines(r: VfioReport): string[] {
  return [
    `${r.device}: ${r.module ?? "none"}${r.builtin ? " (built into the kernel)" : ""}`,
    `  modalias   ${r.modalias ?? "?"}`,
    `  key        ${r.key ?? "?"}`,
    `  alias      ${r.best === null ? "none" : hit(r.best)}`,
    `  runner-up  ${r.runnerUp === null ? "none" : `${r.runnerUp.module}, ${hit(r.runnerUp)}`}`,
    `  rule       ${r.rule ?? "none"}`,
  ];
}

function hit(h: AliasMatch): string {
  return `${printable(placeOf(h))}: ${printable(h.pattern)} (${h.stars} ${h.stars === 1 ? "star" : "stars"})`;
}
