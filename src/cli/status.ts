/**
 * `modalias status [DEVICE...]`: ids and names, driver, override, the host
 * modules that could drive it, the chosen vfio driver and the IOMMU group of
 * the given devices, or of every PCI device. Text: one line per device (a
 * built-in vfio module marked so), then its kernel modules, a line saying
 * what keeps the vfio module from loading when something does, and one
 * listing the other members of its IOMMU group when it shares the group.
 *
 * Drivers and groups need no aliases: without a kernel tree (a container, a
 * build host) status still answers, and says once why modules and the vfio
 * choice are missing. Without IOMMU groups it says once that the IOMMU is off.
 */
import type { Command } from "commander";
import { vfioChooser } from "../binder/choose.js";
import { deviceStatus, listPciDevices, type StatusReport, type StatusSources } from "../binder/status.js";
import { findIdDatabase, PCI_IDS_PATHS, readIdFile } from "../files/ids.js";
import { hasIommuGroups, iommuGroups, SysfsReader } from "../platform/sysfs.js";
import { DEVICE_ARGUMENT, DEVICE_OPTIONS, type DeviceOptions, emit, parseDevices } from "./device-options.js";
import { addOptions } from "./options.js";
import { type CommandContext, type Output, printable } from "./output.js";
import { NoKernelTreeError, openSources, SOURCE_OPTIONS, type SourceOptions } from "./sources.js";

type StatusOptions = DeviceOptions & SourceOptions & { pciIds?: string };

const EXAMPLE = `
Example:
  $ modalias status 01:00.0
  0000:01:00.0 10de:2204 driver=nouveau override=- vfio=vfio_pci group=14  NVIDIA Corporation: GA102 [GeForce RTX 3090]
    kernel modules: nouveau
    group 14, not usable by vfio yet: also 0000:01:00.1 (snd_hda_intel)
  $ modalias status --sysfs-root /srv/image/sys
  modalias: warning: no IOMMU groups in /srv/image/sys/kernel/iommu_groups: the IOMMU is off or missing ...
  0000:00:1f.6 8086:15bb driver=e1000e override=- vfio=vfio_pci iommu=off  Intel Corporation: Ethernet Connection (7) I219-LM`;

export function defineStatus(command: Command, { output }: CommandContext): void {
  command
    .description(
      "show names, driver, override, kernel modules, chosen vfio driver and IOMMU group of devices (all PCI devices by default)",
    )
    .argument("[device...]", DEVICE_ARGUMENT);
  addOptions(command, [...DEVICE_OPTIONS, ...SOURCE_OPTIONS])
    .option("--pci-ids <file>", "the PCI ID database (default: /usr/share/misc/pci.ids or /usr/share/hwdata/pci.ids)")
    .addHelpText("after", EXAMPLE)
    .action(async (devices: string[], options: StatusOptions) => {
      const given = parseDevices(devices, output);
      if (given === null) return;
      const sysfs = new SysfsReader(options.sysfsRoot);
      const sources: StatusSources = {
        aliases: await openAliases(options, output),
        ids: options.pciIds === undefined ? await findIdDatabase(PCI_IDS_PATHS) : await readIdFile(options.pciIds),
        iommu: await hasIommuGroups(sysfs),
      };
      if (!sources.iommu) {
        output.note(
          `modalias: warning: no IOMMU groups in ${sysfs.abs(iommuGroups())}: the IOMMU is off or missing, ` +
            "and vfio can use no device (turn on VT-d or AMD-Vi in the firmware, and intel_iommu=on on Intel)",
        );
      }
      const addresses = given.length > 0 ? given : await listPciDevices(sysfs);
      for (const address of addresses) {
        const report = await deviceStatus(sysfs, sources, address);
        emit(output, options.json === true, report, statusLines, (r) => r.error ?? "failed");
      }
    });
}

/**
 * The vfio chooser and module lookup over the aliases the options name; null, said once,
 * when no source is named and the kernel has no modules.alias (only status can do without).
 */
async function openAliases(options: StatusOptions, output: Output): Promise<StatusSources["aliases"]> {
  try {
    const { lookup, config } = await openSources(options, output);
    return { choose: vfioChooser(lookup, config), lookup };
  } catch (error) {
    if (!(error instanceof NoKernelTreeError)) throw error;
    output.note(`modalias: warning: no kernel modules or vfio driver shown: ${error.message}`);
    return null;
  }
}

/** The stdout lines for one device. */
export function statusLines(r: StatusReport): string[] {
  const group = r.iommuGroup;
  const names = printable([r.vendorName, r.deviceName].filter((n) => n !== null).join(": "));
  const main = [
    r.device,
    r.ids ?? "????:????",
    `driver=${r.driver ?? "-"}`,
    `override=${r.override ?? "-"}`,
    `vfio=${r.modules === null ? "?" : (r.vfio?.module ?? "-")}${r.vfio?.builtin === true ? "(built-in)" : ""}`,
    r.iommu ? `group=${group?.number ?? "-"}` : "iommu=off",
  ].join(" ");
  const lines = [names === "" ? main : `${main}  ${names}`];
  if (r.modules !== null && r.modules.length > 0) lines.push(`  kernel modules: ${r.modules.join(", ")}`);
  if (r.unfinished !== null) lines.push(`  half-done: ${r.unfinished}`);
  if (r.vfio !== null && r.vfio.prohibited !== null) {
    lines.push(`  vfio module ${r.vfio.module} is ${r.vfio.prohibited}`);
  }
  const others = group?.members.filter((m) => m.device !== r.device) ?? [];
  if (group === null || others.length === 0) return lines;
  const list = others.map((m) => `${m.device} (${m.driver ?? "no driver"})`).join(", ");
  return [...lines, `  group ${group.number}${group.usable ? "" : ", not usable by vfio yet"}: also ${list}`];
}
