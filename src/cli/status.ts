/**
 * `modalias status [DEVICE...]`: ids, driver, override, chosen vfio driver
 * and IOMMU group of the given devices, or of every PCI device. Text: one
 * line per device (a built-in vfio module marked so), then a line saying what
 * keeps the vfio module from loading when something does, and one listing
 * the other members of its IOMMU group when it shares the group.
 */
import type { Command } from "commander";
import { deviceStatus, listPciDevices, type StatusReport } from "../binder/status.js";
import type { PciAddress, SysfsReader } from "../platform/sysfs.js";
import { addDeviceOptions, DEVICE_ARGUMENT, type DeviceOptions, parseDevices, reportEach } from "./device-options.js";
import type { CommandContext } from "./output.js";
import { addSourceOptions, type SourceOptions } from "./sources.js";

type StatusOptions = DeviceOptions & SourceOptions;

const EXAMPLE = `
Example:
  $ modalias status 01:00.0
  0000:01:00.0 10de:2204 driver=nouveau override=- vfio=vfio_pci group=14
    group 14, not usable by vfio yet: also 0000:01:00.1 (snd_hda_intel)`;

export function defineStatus(command: Command, { output }: CommandContext): void {
  command
    .description("show driver, override, chosen vfio driver and IOMMU group of devices (all PCI devices by default)")
    .argument("[device...]", DEVICE_ARGUMENT);
  addSourceOptions(addDeviceOptions(command))
    .addHelpText("after", EXAMPLE)
    .action(async (devices: string[], options: StatusOptions) => {
      const given = parseDevices(devices, output);
      if (given === null) return;
      const all = async (sysfs: SysfsReader): Promise<PciAddress[]> =>
        given.length > 0 ? given : await listPciDevices(sysfs);
      await reportEach(options, output, all, deviceStatus, statusLines);
    });
}

/** The stdout lines for one device. */
export function statusLines(r: StatusReport): string[] {
  const group = r.iommuGroup;
  const main = [
    r.device,
    r.ids ?? "????:????",
    `driver=${r.driver ?? "-"}`,
    `override=${r.override ?? "-"}`,
    `vfio=${r.vfio?.module ?? "-"}${r.vfio?.builtin === true ? "(built-in)" : ""}`,
    `group=${group?.number ?? "-"}`,
  ].join(" ");
  const lines = [main];
  if (r.unfinished !== null) lines.push(`  half-done: ${r.unfinished}`);
  if (r.vfio !== null && r.vfio.prohibited !== null) {
    lines.push(`  vfio module ${r.vfio.module} is ${r.vfio.prohibited}`);
  }
  const others = group?.members.filter((m) => m.device !== r.device) ?? [];
  if (group === null || others.length === 0) return lines;
  const list = others.map((m) => `${m.device} (${m.driver ?? "no driver"})`).join(", ");
  return [...lines, `  group ${group.number}${group.usable ? "" : ", not usable by vfio yet"}: also ${list}`];
}
