/**
 * `modalias devices`: every device in sysfs that has a modalias, on every bus, with the
 * modules kmod would load for it (as `match --all` answers its modalias), the driver bound
 * now, each module's state and the device's names; or, with --modules, the set of modules the
 * host's devices need, for initramfs generators. One index load and one walk of sysfs.
 * Text: one line per device (PCI devices by address, others as BUS/NAME), then a line for a
 * module the configuration keeps from loading.
 */
import type { Command } from "commander";
import { findIdDatabase, PCI_IDS_PATHS, readIdFile, USB_IDS_PATHS } from "../files/ids.js";
import { buses, SysfsReader } from "../platform/sysfs.js";
import { type DeviceReport, inventory, type ModuleState, neededModules } from "../system/inventory.js";
import { DEVICE_OPTIONS, type DeviceOptions } from "./device-options.js";
import { addOptions } from "./options.js";
import { CliError, type CommandContext, EXIT_SOME_FAILED, printable } from "./output.js";
import { collect, openSources, SOURCE_OPTIONS, type SourceOptions } from "./sources.js";

type DevicesOptions = DeviceOptions &
  SourceOptions & {
    bus?: string[];
    modules?: boolean;
    builtin?: boolean;
    pciIds?: string;
    usbIds?: string;
  };

const EXAMPLE = `
A module's state: (loaded), (built-in), (not loaded); a module the configuration keeps from
loading is named on the next line. Names come from pci.ids and usb.ids where installed.

Examples:
  $ modalias devices --bus pci
  0000:00:1f.6 pci:v00008086d000015BBsv000017AAsd00002292bc02sc00i00 module=e1000e(loaded) driver=e1000e  Intel Corporation: Ethernet Connection (7) I219-LM
  0000:01:00.0 pci:v000010DEd00002204sv00001458sd0000403Bbc03sc00i00 module=nouveau(loaded) driver=nouveau  NVIDIA Corporation: GA102 [GeForce RTX 3090]
  $ modalias devices --modules
  e1000e
  nouveau
  ...`;

export function defineDevices(command: Command, { output }: CommandContext): void {
  command.description("list every device's modalias and the modules kmod would load for it");
  addOptions(command, [...DEVICE_OPTIONS, ...SOURCE_OPTIONS])
    .option("--bus <name>", "only the devices of this bus (repeatable)", collect)
    .option("--modules", "print only the modules the devices need, once each, sorted (built-in ones left out)")
    .option("--builtin", "with --modules: list built-in modules too, marked (built-in)")
    .option("--pci-ids <file>", "the PCI ID database (default: /usr/share/misc/pci.ids or /usr/share/hwdata/pci.ids)")
    .option("--usb-ids <file>", "the USB ID database (default: /usr/share/misc/usb.ids or /usr/share/hwdata/usb.ids)")
    .addHelpText("after", EXAMPLE)
    .action(async (options: DevicesOptions) => {
      const sysfs = new SysfsReader(options.sysfsRoot);
      const only = options.bus === undefined ? null : new Set(options.bus);
      if (only !== null) {
        const known = new Set((await sysfs.list(buses())) ?? []);
        const unknown = [...only].filter((bus) => !known.has(bus));
        if (unknown.length > 0) throw new CliError(`no bus ${unknown.join(", ")} in ${sysfs.abs(buses())}`);
      }
      const { lookup, config } = await openSources(options, output);
      const [pci, usb] = await Promise.all([
        options.pciIds === undefined ? findIdDatabase(PCI_IDS_PATHS) : readIdFile(options.pciIds),
        options.usbIds === undefined ? findIdDatabase(USB_IDS_PATHS) : readIdFile(options.usbIds),
      ]);
      const reports = await inventory(sysfs, lookup, config, { pci, usb }, only);
      for (const report of reports) {
        if (report.error === null) continue;
        output.error(label(report), report.error);
        output.fail(EXIT_SOME_FAILED);
      }
      const json = options.json === true;
      if (options.modules === true) {
        for (const state of neededModules(reports, options.builtin === true)) {
          if (json) output.json(state);
          else output.line(state.builtin ? `${state.module} (built-in)` : state.module);
        }
        return;
      }
      for (const report of reports) {
        if (json) output.json(report);
        else for (const line of deviceLines(report)) output.line(line);
      }
    });
}

/** A device as the text output names it: its PCI address, or BUS/NAME. */
function label(report: DeviceReport): string {
  return report.bus === "pci" ? report.device : `${report.bus}/${report.device}`;
}

function deviceLines(report: DeviceReport): string[] {
  const best = report.modules.find((state) => state.module === report.module);
  const others = report.modules.filter((state) => state !== best);
  const names = printable([report.vendorName, report.deviceName].filter((n) => n !== null).join(": "));
  const main = [
    printable(label(report)),
    printable(report.modalias),
    `module=${best === undefined ? "-" : withState(best)}`,
    ...(others.length > 0 ? [`also=${others.map(withState).join(",")}`] : []),
    `driver=${printable(report.driver ?? "-")}`,
  ].join(" ");
  const lines = [names === "" ? main : `${main}  ${names}`];
  for (const state of report.modules) {
    if (state.prohibited !== null) lines.push(`  module ${state.module} is ${state.prohibited}`);
  }
  return lines;
}

function withState(state: ModuleState): string {
  return `${state.module}(${state.builtin ? "built-in" : state.loaded ? "loaded" : "not loaded"})`;
}
