/**
 * `modalias man`: the modalias(1) manual page in roff, generated from the command tree and the
 * help text that `--help` shows (descriptions, arguments, options with their defaults, each
 * command's notes and examples, subcommands), so it cannot drift from it. The date is
 * SOURCE_DATE_EPOCH's when set (reproducible builds), else today's.
 */
import type { Command, Option } from "commander";
import type { CommandContext } from "./output.js";

/** The `man` command; `command.parent` is the whole program, which it describes. */
export function defineMan(command: Command, { output }: CommandContext): void {
  command
    .description("print the manual page (roff)")
    .addHelpText("after", "\nExample:\n  modalias man > modalias.1 && man -l modalias.1")
    .action(() => {
      const program = command.parent;
      if (program === null) throw new Error("man is not a subcommand");
      output.write(manPage(program, program.version() ?? "", manDate(process.env.SOURCE_DATE_EPOCH)));
    });
}

/** YYYY-MM-DD of SOURCE_DATE_EPOCH (seconds) when it is a number, else of now. */
function manDate(epoch: string | undefined): string {
  const seconds = epoch !== undefined && /^[0-9]+$/.test(epoch) ? Number(epoch) : Date.now() / 1000;
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

const DESCRIPTION = [
  "modalias answers which kernel module handles a device, given the device's modalias",
  "(as in /sys/bus/*/devices/*/modalias), exactly as kmod (modprobe \\-R) answers it, from a",
  "compiled index of modules.alias; and hands PCI devices to the vfio driver their vfio_pci",
  "alias chooses, safely. Every error is one line on standard error naming the file, line or",
  "device.",
];

const FILES: readonly (readonly [string, string])[] = [
  ["/lib/modules/VERSION/modules.alias", "the aliases depmod writes (also under /usr/lib/modules)"],
  ["/lib/modules/VERSION/modules.builtin.modinfo", "the built-in drivers' aliases"],
  ["/lib/modules/VERSION/modules.alias.index", "the index modalias compile writes beside them"],
  [
    "/etc/modprobe.d, /run/modprobe.d, /usr/local/lib/modprobe.d, /usr/lib/modprobe.d, /lib/modprobe.d",
    "modprobe's configuration: alias, blacklist and install lines",
  ],
  ["/etc/driverctl.d/pci-ADDRESS", "persisted vfio choices, in driverctl's layout"],
  ["/sys/bus/pci/devices/ADDRESS", "the devices the binder reads and writes"],
];

const ENVIRONMENT: readonly (readonly [string, string])[] = [
  ["SOURCE_DATE_EPOCH", "when set, compile records no mtime in the index (reproducible builds)"],
  ["MODALIAS_BASEDIR", "in the kernel hooks' environment: passed to modalias compile as \\-b"],
];

function manPage(program: Command, version: string, date: string): string {
  const commands = program.commands.filter((c) => c.name() !== "help");
  const lines = [
    `.TH MODALIAS 1 "${date}" "modalias ${version}" "User Commands"`,
    ".SH NAME",
    `modalias \\- ${roffEscape(program.description())}`,
    ".SH SYNOPSIS",
    ...commands.flatMap((c) => synopsis(c, ["modalias"])),
    ".SH DESCRIPTION",
    ...DESCRIPTION,
    ".SH COMMANDS",
    ...commands.flatMap((c) => commandSection(c, ["modalias"])),
    ".SH FILES",
    ...FILES.flatMap(([file, what]) => [".TP", `.I ${roffEscape(file)}`, what]),
    ".SH ENVIRONMENT",
    ...ENVIRONMENT.flatMap(([name, what]) => [".TP", `.B ${name}`, what]),
    ".SH EXIT STATUS",
    ".TP",
    ".B 0",
    "every query answered, every device done",
    ".TP",
    ".B 1",
    "some query matched nothing, or some device was refused or failed (and was rolled back)",
    ".TP",
    ".B 2",
    "bad usage or bad input (an invalid modalias, a missing file, a corrupt index)",
    ".SH SEE ALSO",
    ".BR modprobe (8),",
    ".BR depmod (8),",
    ".BR modules.dep (5),",
    ".BR modprobe.d (5),",
    ".BR driverctl (8)",
  ];
  return `${lines.join("\n")}\n`;
}

function synopsis(command: Command, parents: string[]): string[] {
  if (command.commands.length > 0) return command.commands.flatMap((c) => synopsis(c, [...parents, command.name()]));
  return [`.B ${[...parents, command.name()].join(" ")}`, roffEscape(command.usage()), ".br"];
}

function commandSection(command: Command, parents: string[]): string[] {
  const name = [...parents.slice(1), command.name()].join(" ");
  const lines = [`.SS ${roffEscape(name)}`, roffEscape(command.description())];
  if (command.registeredArguments.length > 0) {
    lines.push(".PP", "Arguments:");
    for (const argument of command.registeredArguments) {
      lines.push(".TP", `.I ${roffEscape(argument.name())}${argument.variadic ? "..." : ""}`);
      lines.push(roffEscape(argument.description));
    }
  }
  const options = command.options.filter((o) => !o.hidden);
  if (options.length > 0) lines.push(".PP", "Options:", ...options.flatMap(optionEntry));
  const notes = helpNotes(command);
  if (notes.length > 0) lines.push(".PP", ".nf", ...notes.map(roffEscape), ".fi");
  for (const sub of command.commands) lines.push(...commandSection(sub, [...parents, command.name()]));
  return lines;
}

function optionEntry(option: Option): string[] {
  const fallback =
    option.defaultValueDescription ??
    (option.defaultValue === undefined ? undefined : JSON.stringify(option.defaultValue));
  const shown =
    option.negate || option.defaultValue === undefined || option.defaultValue === false
      ? ""
      : ` (default: ${fallback})`;
  return [".TP", `.B ${roffEscape(option.flags)}`, roffEscape(`${option.description}${shown}`)];
}

/** The text the command adds after its generated help (notes, steps, examples), lines as written. */
function helpNotes(command: Command): string[] {
  let full = "";
  command.configureOutput({ writeOut: (s) => void (full += s), writeErr: () => undefined });
  command.outputHelp();
  const notes = full.slice(command.helpInformation().length).replace(/^\n+/, "").trimEnd();
  return notes === "" ? [] : notes.split("\n");
}

function roffEscape(text: string): string {
  return text.replace(/\\/g, "\\e").replace(/-/g, "\\-").replace(/^\./gm, "\\&.").replace(/^'/gm, "\\&'");
}
