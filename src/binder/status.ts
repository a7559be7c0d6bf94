/**
 * The state of PCI devices as the binder sees it: ids, current driver,
 * driver_override, the vfio driver that would be chosen, and the IOMMU group
 * with its members' drivers and whether vfio could use it now.
 */

import type { Origin } from "../lookup/lookup.js";
import {
  type Binding,
  isCanonicalPciAddress,
  type PciAddress,
  pciDevices,
  readBinding,
  readIds,
  readModalias,
  type SysfsReader,
} from "../platform/sysfs.js";
import { type ChooseVfio, vfioKey } from "./choose.js";
import { groupBlockers, readGroupState } from "./groups.js";
import { deviceErrorText } from "./transaction.js";

/** One device's state. */
export interface StatusReport {
  device: PciAddress;
  ok: boolean;
  error: string | null;
  /** `vendor:device`, four lowercase hex digits each. */
  ids: string | null;
  driver: string | null;
  override: string | null;
  /**
   * Why the device looks half-done, and how to repair it: its driver_override
   * names a driver that does not hold it (a bind or unbind stopped by a
   * SIGKILL, a crash or a power cut, or an override set by hand); else null.
   */
  unfinished: string | null;
  /**
   * The vfio module the alias index chooses, with where its alias was written,
   * whether it is built in, and what keeps it from loading; null when none matches.
   */
  vfio: {
    module: string;
    line: number;
    origin: Origin;
    file: string | null;
    builtin: boolean;
    prohibited: string | null;
  } | null;
  iommuGroup: {
    number: string;
    /** True when every member is bound to vfio, pci-stub/pcieport, or nothing. */
    usable: boolean;
    members: { device: string; driver: string | null }[];
  } | null;
}

/** Every PCI device in sysfs, sorted by address. */
export async function listPciDevices(sysfs: SysfsReader): Promise<PciAddress[]> {
  const names = await sysfs.list(pciDevices());
  if (names === null) throw new Error(`no PCI devices directory at ${sysfs.abs(pciDevices())}`);
  return names.filter(isCanonicalPciAddress);
}

/** Reads the state of device `a`. Never throws: failures are in the report. */
export async function deviceStatus(sysfs: SysfsReader, choose: ChooseVfio, address: PciAddress): Promise<StatusReport> {
  const report: StatusReport = {
    device: address,
    ok: false,
    error: null,
    ids: null,
    driver: null,
    override: null,
    unfinished: null,
    vfio: null,
    iommuGroup: null,
  };
  try {
    const modalias = await readModalias(sysfs, address);
    const binding = await readBinding(sysfs, address);
    const choice = choose(vfioKey(modalias));
    const best = choice.best;
    const group = await readGroupState(sysfs, address);
    return {
      ...report,
      ok: true,
      ids: await readIds(sysfs, address),
      driver: binding.driver,
      override: binding.override,
      unfinished: unfinished(address, binding),
      vfio:
        best === null
          ? null
          : {
              module: best.module,
              line: best.line,
              origin: best.origin,
              file: best.file,
              builtin: choice.builtin,
              prohibited: choice.prohibited,
            },
      iommuGroup:
        group === null
          ? null
          : {
              number: group.number,
              usable: groupBlockers(group.members, new Set()).length === 0,
              members: group.members.map((m) => ({ device: m.device, driver: m.driver })),
            },
    };
  } catch (err) {
    return { ...report, error: deviceErrorText(err) };
  }
}

/** The half-done state of a device with `binding`, as StatusReport.unfinished says it. */
function unfinished(address: PciAddress, binding: Binding): string | null {
  const { driver, override } = binding;
  if (override === null || driver === override) return null;
  const holder = driver === null ? "no driver holds it" : `${driver} holds it`;
  const finish = driver === null ? `modalias bind ${address}` : `modalias bind --from-host ${address}`;
  return `driver_override is ${override} but ${holder}: a bind or unbind did not finish; \`modalias unbind ${address}\` gives it back to the host, \`${finish}\` finishes the bind`;
}
