/**
 * `modalias status [DEVICE...]`: ids, driver, override, chosen vfio driver and
 * IOMMU group of the given devices, or of every PCI device.
 */

/**
 * Text for the status command: one line per device (a built-in vfio module
 * marked so), then a line saying what keeps the vfio module from loading
 * when something does, and one listing the other members of its IOMMU group
 * when it shares the group.
 */
import type { Command } from "commander";
import { deviceStatus, listPciDevices, type StatusReport } from "../binder/status.js";
import { SysfsReader } from "../platform/sysfs.js";
import { addCommonOptions, flag, type GetChooser, loadChooser, parseDevices, settingsFrom } from "./options.js";
import { EXIT_USAGE, emit, outputOf } from "./output.js";

const EXAMPLE = `
Example:
  $ modalias status 01:00.0
  0000:01:00.0 10de:2204 driver=nouveau override=- vfio=vfio_pci group=14
    group 14, not usable by vfio yet: also 0000:01:00.1 (snd_hda_intel)`;

/** Adds the `status` command. */
export function registerStatusCommand(program: Command, getChooser: GetChooser): void {
  const cmd = program
    .command("status")
    .description("show driver, override, chosen vfio driver and IOMMU group of devices (all PCI devices by default)")
    .argument("[device...]", "PCI address: DDDD:BB:DD.F, or BB:DD.F for domain 0000");
  addCommonOptions(cmd, { modprobe: false }).addHelpText("after", EXAMPLE);
  cmd.action(async (devices: string[], _opts: unknown, command: Command) => {
    const output = outputOf(command);
    const given = parseDevices(devices, output);
    if (given === null) return;
    const opts = command.optsWithGlobals();
    const choose = await loadChooser(getChooser, opts, output);
    if (choose === null) return;
    const sysfs = new SysfsReader(settingsFrom(opts).sysfsRoot);
    let addresses = given;
    if (addresses.length === 0) {
      try {
        addresses = await listPciDevices(sysfs);
      } catch (err) {
        output.error(null, err instanceof Error ? err.message : String(err));
        output.fail(EXIT_USAGE);
        return;
      }
    }
    for (const a of addresses) {
      emit(output, flag(opts, "json"), await deviceStatus(sysfs, choose, a), statusLines, (r) => r.error ?? "failed");
    }
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
  if (r.vfio !== null && r.vfio.prohibited !== null)
    lines.push(`  vfio module ${r.vfio.module} is ${r.vfio.prohibited}`);
  const others = group?.members.filter((m) => m.device !== r.device) ?? [];
  if (group === null || others.length === 0) return lines;
  const list = others.map((m) => `${m.device} (${m.driver ?? "no driver"})`).join(", ");
  return [...lines, `  group ${group.number}${group.usable ? "" : ", not usable by vfio yet"}: also ${list}`];
}
