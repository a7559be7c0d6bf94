/**
 * The binder's view of the alias lookup engine, and the `vfio_` key it asks about.
 *
 * The kernel writes a vfio variant driver's PCI ids as `vfio_pci:` aliases, so
 * the vfio driver for a device is the module whose alias matches the device's
 * modalias with `vfio_` in front of it.
 *
 * Which vfio driver a device would get and why, touching nothing: its
 * modalias, the `vfio_` key, the winning alias and the runner-up, the rule
 * that chose, whether the module is built in, and what in modprobe's
 * configuration would keep it from loading.
 *
 * The choice is the most specific driver, across sources: kmod stops at the
 * first source of its chain that matches, so a built-in variant driver (5
 * stars) would lose to vfio_pci's catch-all in modules.alias (7 stars); here
 * the modules.alias and built-in vfio aliases are ranked together (fewest
 * `*`, then most literals, then chain order). A configuration alias or
 * command stays first, as in kmod: it is the administrator's override.
 * `match` still answers exactly as kmod.
 *
 * Finding the driver a vfio module registers, loading the module if needed.
 *
 * driver_override takes a driver name, which need not be the module name
 * (module vfio_pci registers driver vfio-pci), so the name is read from
 * `module/<module>/drivers/pci:<driver>` once the module is loaded.
 *
 * A driver the user names (`bind --driver NAME`) instead of the best: allowed
 * only when one of its own `vfio_pci:` aliases matches the device, or when it
 * is vfio-pci, the driver for any PCI device (its catch-all alias matches
 * every device, and kernels before 5.15 write no `vfio_pci:` aliases at all).
 */
import { compareSpecificity, tiesWith } from "../kmod/order.js";
import { type AliasLookup, type AliasMatch, placeOf } from "../lookup/lookup.js";
import { describeProhibition, type ModprobeConfig, prohibitionOf } from "../parse/modprobe-config.js";
import {
  type DriverName,
  driverName,
  type ModuleName,
  moduleName,
  type PciAddress,
  pciDriversOf,
  quoted,
  readModalias,
  type SysfsReader,
} from "../platform/sysfs.js";
import { type BinderContext, deviceErrorText, StepError } from "./transaction.js";

/** The lookup engine's answer for one vfio modalias ("vfio_pci:v...d...sv...sd...bc..sc..i.."). */
export interface VfioChoice {
  best: AliasMatch | null;
  runnerUp: AliasMatch | null;
  ambiguous: boolean;
  /** The chosen module is built into the kernel: nothing to load. */
  builtin: boolean;
  /** What in modprobe's configuration keeps the chosen module from loading (a blacklist or a no-op install), or null. */
  prohibited: string | null;
  /** Every module with a matching alias, once each, best first. */
  matching: string[];
  /** The rule that chose, in words (null when nothing matched). */
  rule: string | null;
}

/**
 * Supplied by the caller (the CLI wires it to the real index). With `module`, the choice is
 * that module's best matching alias (null when none of its aliases matches) instead of the best.
 */
export type ChooseVfio = (vfioModalias: string, module?: ModuleName) => VfioChoice;

/** The module of vfio-pci, the catch-all vfio driver. */
const VFIO_PCI = "vfio_pci" as ModuleName;

/**
 * The chooser backed by the lookup engine: the best alias, the best alias of
 * another module (runner-up, possibly from a source later in kmod's chain
 * that the answering one shadows), whether the two tie on specificity in
 * the same source, and, from modprobe's configuration when given, what
 * keeps the chosen module from loading.
 */
export function vfioChooser(lookup: AliasLookup, config: ModprobeConfig | null = null): ChooseVfio {
  return (key, module) => {
    const chain = lookup.explain(key);
    const kmods = chain[0] ?? null;
    const override = kmods !== null && CONFIGURED.has(kmods.origin);
    // Array sort is stable: equally specific aliases keep chain order (modules.alias before built-in).
    const matches = override
      ? chain
      : [...chain].sort((a, b) => compareSpecificity(a.stars, a.literals, b.stars, b.literals));
    const best = (module === undefined ? matches[0] : matches.find((m) => moduleName(m.module) === module)) ?? null;
    const runnerUp = best === null ? null : (matches.find((m) => m.module !== best.module) ?? null);
    const sameRank = best !== null && runnerUp !== null && tiesWith(best, runnerUp);
    const ambiguous = sameRank && (!override || runnerUp?.origin === best?.origin);
    const builtin = best?.origin === "builtin";
    const prohibition = best === null || builtin || config === null ? null : prohibitionOf(config, best.module);
    const prohibited = prohibition === null ? null : describeProhibition(prohibition);
    const matching = [...new Set(matches.map((m) => m.module))];
    const rule = module === undefined ? ruleOf(best, kmods, override) : best && "the driver named with --driver";
    return { best, runnerUp, ambiguous, builtin, prohibited, matching, rule };
  };
}

/** The origins of modprobe's configuration, which come first whatever the specificity. */
const CONFIGURED: ReadonlySet<string> = new Set(["config", "install"]);

function ruleOf(best: AliasMatch | null, kmods: AliasMatch | null, override: boolean): string | null {
  if (best === null || kmods === null) return null;
  if (override) return "the configuration's alias, first as in kmod (the administrator's override)";
  if (best.module === kmods.module) return "the most specific vfio alias (fewest *), as kmod answers";
  return `the most specific vfio alias across modules.alias and the built-in aliases (kmod's own lookup stops at ${kmods.origin} and answers ${kmods.module})`;
}

const PCI_MODALIAS =
  /^pci:v[0-9A-Fa-f]{8}d[0-9A-Fa-f]{8}sv[0-9A-Fa-f]{8}sd[0-9A-Fa-f]{8}bc[0-9A-Fa-f]{2}sc[0-9A-Fa-f]{2}i[0-9A-Fa-f]{2}$/;

/** `modalias` unchanged if it is a PCI modalias as sysfs writes it; throws otherwise. */
export function checkPciModalias(modalias: string): string {
  if (!PCI_MODALIAS.test(modalias)) throw new Error(`unexpected modalias ${quoted(modalias)}`);
  return modalias;
}

/** The key to look up for a PCI modalias: `vfio_` + modalias. Throws for anything that is not a PCI modalias. */
export function vfioKey(modalias: string): string {
  return `vfio_${checkPciModalias(modalias)}`;
}

/**
 * Why no vfio driver was found for `key`: no `vfio_pci:` alias matches it, which on a
 * well-formed key means the aliases have no catch-all (a kernel before 5.15 writes none).
 * bind does not fall back to vfio-pci by itself (the aliases may be the wrong kernel's, and
 * vfio-pci would hide a variant driver); the user can ask for it.
 */
export function noVfioAlias(key: string, address: PciAddress): string {
  return (
    `no vfio driver alias matches ${key} (kernels before 5.15 have no vfio_pci: aliases); ` +
    `\`modalias bind --driver vfio-pci ${address}\` binds it to vfio-pci, the driver for any PCI device`
  );
}

/**
 * The choice for `--driver NAME` on `key`, or a StepError saying why NAME may not drive the
 * device (no --force lifts it: driver_override would bind any driver to any device).
 */
export function requestedChoice(choose: ChooseVfio, key: string, name: string): VfioChoice & { module: ModuleName } {
  let module: ModuleName;
  try {
    module = moduleName(name);
  } catch {
    throw new StepError("check", `--driver ${quoted(name)} is not a module or driver name`);
  }
  const choice = choose(key, module);
  if (choice.best !== null || module === VFIO_PCI) return { ...choice, module };
  const matching = choice.matching.length === 0 ? "none does" : `those that do: ${choice.matching.join(", ")}`;
  throw new StepError(
    "check",
    `--driver ${name}: no vfio_pci: alias of ${module} matches ${key} (${matching}; --force does not lift this)`,
  );
}

/** The warning to give when the engine reports a tie between different modules. */
export function ambiguityWarning(choice: VfioChoice): string | null {
  const { best, runnerUp } = choice;
  if (!choice.ambiguous || best === null) return null;
  const other = runnerUp === null ? "another module" : `${runnerUp.module} (${placeOf(runnerUp)})`;
  return `vfio aliases of ${best.module} (${placeOf(best)}) and ${other} are equally specific; using the earlier line`;
}

/** The answer for one device. */
export interface VfioReport {
  device: PciAddress;
  ok: boolean;
  error: string | null;
  modalias: string | null;
  key: string | null;
  /** The chosen module (best.module), or null when nothing matched. */
  module: string | null;
  best: AliasMatch | null;
  runnerUp: AliasMatch | null;
  ambiguous: boolean;
  /** The chosen module is built into the kernel (nothing to load). */
  builtin: boolean;
  /** What keeps the chosen module from loading (e.g. `blacklisted by FILE line N`), or null. */
  prohibited: string | null;
  /** The rule that chose (see {@link vfioChooser}), or null when nothing matched. */
  rule: string | null;
  warnings: string[];
}

/** Explains the vfio choice for device `a`. Never throws: failures are in the report. */
export async function explainVfio(sysfs: SysfsReader, choose: ChooseVfio, address: PciAddress): Promise<VfioReport> {
  const report: VfioReport = {
    device: address,
    ok: false,
    error: null,
    modalias: null,
    key: null,
    module: null,
    best: null,
    runnerUp: null,
    ambiguous: false,
    builtin: false,
    prohibited: null,
    rule: null,
    warnings: [],
  };
  try {
    report.modalias = await readModalias(sysfs, address);
    report.key = vfioKey(report.modalias);
    const choice = choose(report.key);
    const tie = ambiguityWarning(choice);
    const answered: VfioReport = {
      ...report,
      module: choice.best?.module ?? null,
      best: choice.best,
      runnerUp: choice.runnerUp,
      ambiguous: choice.ambiguous,
      builtin: choice.builtin,
      prohibited: choice.prohibited,
      rule: choice.rule,
      warnings: [
        ...(tie === null ? [] : [tie]),
        ...(choice.prohibited === null
          ? []
          : [`module ${choice.best?.module ?? "?"} is ${choice.prohibited}: modprobe -b will not load it`]),
      ],
    };
    if (choice.best === null) return { ...answered, error: noVfioAlias(report.key, address) };
    return { ...answered, ok: true };
  } catch (err) {
    return { ...report, error: deviceErrorText(err) };
  }
}

/** The PCI driver module `module` has registered, or null when it is not loaded. */
export async function registeredDriver(sysfs: SysfsReader, module: ModuleName): Promise<DriverName | null> {
  const drivers = await pciDriversOf(sysfs, module);
  if (drivers.length > 1)
    throw new StepError("load", `module ${module} registers several PCI drivers (${drivers.join(", ")})`);
  return drivers[0] ?? null;
}

/** Loads module `module` with blacklists honoured and returns its PCI driver, or throws a StepError saying why not. */
export async function loadDriver(ctx: BinderContext, module: ModuleName): Promise<DriverName> {
  const failure = await ctx.loader.load(module);
  const driver = await registeredDriver(ctx.sysfs, module);
  if (driver !== null) return driver;
  const prohibition = await ctx.loader.prohibition(module);
  if (prohibition?.kind === "blacklist") {
    throw new StepError(
      "load",
      `module ${module} is blacklisted (administratively prohibited by "${prohibition.line}")`,
      null,
      true,
    );
  }
  if (prohibition?.kind === "install")
    throw new StepError("load", `module ${module} is disabled by "${prohibition.line}"`);
  if (failure !== null) throw new StepError("load", `loading module ${module} failed: ${failure}`);
  throw new StepError("load", `module ${module} registered no PCI driver after loading`);
}

/**
 * The driver name a module that is not loaded yet will most likely register,
 * for --dry-run: its own name, except vfio_pci's `vfio-pci`.
 */
export function assumedDriver(module: ModuleName): DriverName {
  return driverName(module === "vfio_pci" ? "vfio-pci" : module);
}
