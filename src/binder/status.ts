/**
 * The state of PCI devices as the binder sees it: ids and their names in the
 * PCI ID database, current driver, driver_override, the host modules that
 * could drive the device (as `lspci -k`'s "Kernel modules:"), the vfio
 * driver that would be chosen, and the IOMMU group with its members' drivers
 * and whether vfio could use it now. Drivers and groups need no aliases:
 * without them (no kernel tree) the modules and the vfio choice are null.
 */

import type { AliasLookup, Origin } from "../lookup/lookup.js";
import type { IdDatabase } from "../parse/ids.js";
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
  /** The names of the vendor and the device in the PCI ID database, where it has them. */
  vendorName: string | null;
  deviceName: string | null;
  /** Every module kmod would load for the device, in kmod's order; null without aliases to look in. */
  modules: string[] | null;
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
  /** Whether the kernel has IOMMU groups at all; false when the IOMMU is off or missing. */
  iommu: boolean;
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

/** Where status looks things up; null where there is nothing to look in. */
export interface StatusSources {
  /** The vfio chooser and the lookup for host modules, both over the same aliases. */
  aliases: { choose: ChooseVfio; lookup: AliasLookup } | null;
  /** The PCI ID database. */
  ids: IdDatabase | null;
  /** Whether the kernel has IOMMU groups (sysfs.ts, hasIommuGroups). */
  iommu: boolean;
}

/** Reads the state of device `a`. Never throws: failures are in the report. */
export async function deviceStatus(
  sysfs: SysfsReader,
  sources: StatusSources,
  address: PciAddress,
): Promise<StatusReport> {
  const report: StatusReport = {
    device: address,
    ok: false,
    error: null,
    ids: null,
    vendorName: null,
    deviceName: null,
    modules: null,
    driver: null,
    override: null,
    unfinished: null,
    vfio: null,
    iommu: sources.iommu,
    iommuGroup: null,
  };
  try {
    const modalias = await readModalias(sysfs, address);
    const binding = await readBinding(sysfs, address);
    const aliases = sources.aliases;
    const choice = aliases === null ? null : aliases.choose(vfioKey(modalias));
    const best = choice?.best ?? null;
    const group = await readGroupState(sysfs, address);
    const ids = await readIds(sysfs, address);
    const [vendor, dev] = ids?.split(":") ?? [];
    return {
      ...report,
      ok: true,
      ids,
      vendorName: vendor === undefined ? null : (sources.ids?.vendor(vendor) ?? null),
      deviceName: vendor === undefined || dev === undefined ? null : (sources.ids?.device(vendor, dev) ?? null),
      modules: aliases === null ? null : aliases.lookup.all(modalias).map((m) => m.module),
      driver: binding.driver,
      override: binding.override,
      unfinished: unfinished(address, binding),
      vfio:
        best === null || choice === null
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
