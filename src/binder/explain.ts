/**
 * Which vfio driver a device would get and why, touching nothing: its
 * modalias, the `vfio_` key, the winning alias and the runner-up, whether
 * the module is built in, and what in modprobe's configuration would keep
 * it from loading.
 */
import type { PciAddress } from "./address.js";
import { ambiguityWarning, vfioKey, type AliasHit, type ChooseVfio } from "./chooser.js";
import { describeErrno } from "../sysfs/errno.js";
import { readModalias } from "../sysfs/device.js";
import type { SysfsReader } from "../sysfs/reader.js";

/** The answer for one device. */
export interface VfioReport {
  device: PciAddress;
  ok: boolean;
  error: string | null;
  modalias: string | null;
  key: string | null;
  /** The chosen module (best.module), or null when nothing matched. */
  module: string | null;
  best: AliasHit | null;
  runnerUp: AliasHit | null;
  ambiguous: boolean;
  /** The chosen module is built into the kernel (nothing to load). */
  builtin: boolean;
  /** What keeps the chosen module from loading (e.g. `blacklisted by FILE line N`), or null. */
  prohibited: string | null;
  warnings: string[];
}

/** Explains the vfio choice for device `a`. Never throws: failures are in the report. */
export async function explainVfio(r: SysfsReader, choose: ChooseVfio, a: PciAddress): Promise<VfioReport> {
  const report: VfioReport = {
    device: a,
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
    warnings: [],
  };
  try {
    report.modalias = await readModalias(r, a);
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
      warnings: [
        ...(tie === null ? [] : [tie]),
        ...(choice.prohibited === null ? [] : [`module ${choice.best?.module ?? "?"} is ${choice.prohibited}: modprobe -b will not load it`]),
      ],
    };
    if (choice.best === null) return { ...answered, error: `no vfio driver alias matches ${report.key}` };
    return { ...answered, ok: true };
  } catch (err) {
    return { ...report, error: describeErrno(err) };
  }
}
