/**
 * Which vfio driver a device would get and why, touching nothing: its
 * modalias, the `vfio_` key, the winning alias and the runner-up.
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
      warnings: tie === null ? [] : [tie],
    };
    if (choice.best === null) return { ...answered, error: `no vfio driver alias matches ${report.key}` };
    return { ...answered, ok: true };
  } catch (err) {
    return { ...report, error: describeErrno(err) };
  }
}
