/**
 * The binder's view of the alias lookup engine, and the `vfio_` key it asks about.
 *
 * The kernel writes a vfio variant driver's PCI ids as `vfio_pci:` aliases, so
 * the vfio driver for a device is the module whose alias matches the device's
 * modalias with `vfio_` in front of it.
 */
import { placeOf, type AliasLookup, type Origin } from "../lookup/lookup.js";
import type { ModprobeConfig } from "../config/merge.js";
import { prohibitionOf } from "./prohibition.js";

/** One alias that matched, as the lookup engine reports it. */
export interface AliasHit {
  module: string;
  pattern: string;
  line: number;
  stars: number;
  literals: number;
  /** Which source of kmod's chain it came from (config, modules.alias, built-in). */
  origin: Origin;
  /** The configuration file of a config alias, else null. */
  file: string | null;
}

/** The lookup engine's answer for one vfio modalias ("vfio_pci:v...d...sv...sd...bc..sc..i.."). */
export interface VfioChoice {
  best: AliasHit | null;
  runnerUp: AliasHit | null;
  ambiguous: boolean;
  /** The chosen module is built into the kernel: nothing to load. */
  builtin: boolean;
  /** What in modprobe's configuration keeps the chosen module from loading (a blacklist or a no-op install), or null. */
  prohibited: string | null;
}

/** Supplied by the caller (the CLI wires it to the real index). */
export type ChooseVfio = (vfioModalias: string) => VfioChoice;

/**
 * The chooser backed by the lookup engine: the best alias, the best alias of
 * another module (runner-up, possibly from a source later in kmod's chain
 * that the answering one shadows), whether the two tie on specificity in
 * the same source, and, from modprobe's configuration when given, what
 * keeps the chosen module from loading.
 */
export function vfioChooser(lookup: AliasLookup, config: ModprobeConfig | null = null): ChooseVfio {
  return (key) => {
    const matches = lookup.explain(key);
    const best = matches[0] ?? null;
    const runnerUp = best === null ? null : (matches.find((m) => m.module !== best.module) ?? null);
    const ambiguous =
      best !== null &&
      runnerUp !== null &&
      runnerUp.origin === best.origin &&
      runnerUp.stars === best.stars &&
      runnerUp.literals === best.literals;
    const builtin = best?.origin === "builtin";
    const prohibited = best === null || builtin || config === null ? null : prohibitionOf(config, best.module);
    return { best, runnerUp, ambiguous, builtin, prohibited };
  };
}

const PCI_MODALIAS =
  /^pci:v[0-9A-Fa-f]{8}d[0-9A-Fa-f]{8}sv[0-9A-Fa-f]{8}sd[0-9A-Fa-f]{8}bc[0-9A-Fa-f]{2}sc[0-9A-Fa-f]{2}i[0-9A-Fa-f]{2}$/;

/** `modalias` unchanged if it is a PCI modalias as sysfs writes it; throws otherwise. */
export function checkPciModalias(modalias: string): string {
  if (!PCI_MODALIAS.test(modalias)) throw new Error(`unexpected modalias ${JSON.stringify(modalias)}`);
  return modalias;
}

/** The key to look up for a PCI modalias: `vfio_` + modalias. Throws for anything that is not a PCI modalias. */
export function vfioKey(modalias: string): string {
  return `vfio_${checkPciModalias(modalias)}`;
}

/** The warning to give when the engine reports a tie between different modules. */
export function ambiguityWarning(choice: VfioChoice): string | null {
  const { best, runnerUp } = choice;
  if (!choice.ambiguous || best === null) return null;
  const other = runnerUp === null ? "another module" : `${runnerUp.module} (${placeOf(runnerUp)})`;
  return `vfio aliases of ${best.module} (${placeOf(best)}) and ${other} are equally specific; using the earlier line`;
}
