/**
 * The modalias(1) manual page, generated in roff from the same command tree
 * and help text as `--help`.
 */
import type { Command, Option } from "commander";

export function manPage(program: Command, version: string): string {
  const lines = [
    `.TH MODALIAS 1 "" "modalias ${version}" "User Commands"`,
    ".SH NAME",
    `modalias \\- ${escape(program.description())}`,
    ".SH SYNOPSIS",
    ...program.commands
      .filter((c) => c.name() !== "help")
      .flatMap((c) => [".B modalias", `${escape(c.name())} ${escape(c.usage())}`, ".br"]),
    ".SH COMMANDS",
  ];
  for (const command of program.commands.filter((c) => c.name() !== "help")) {
    lines.push(`.SS ${escape(command.name())}`, escape(command.description()));
    for (const option of command.options) lines.push(...optionEntry(option));
    const example = exampleOf(command);
    if (example) lines.push(".PP", "Example:", ".nf", ...example.map(escape), ".fi");
  }
  lines.push(
    ".SH EXIT STATUS",
    "0: every query answered or every device done; 1: some query matched nothing, or some device failed;",
    "2: bad usage or bad input.",
  );
  return `${lines.join("\n")}\n`;
}

function optionEntry(option: Option): string[] {
  return [".TP", `.B ${escape(option.flags)}`, escape(option.description)];
}

/** The lines of the command's "Example" help text, if any. */
function exampleOf(command: Command): string[] | null {
  let text = "";
  command.configureOutput({ writeOut: (s) => (text += s), writeErr: () => undefined });
  command.outputHelp();
  const at = text.search(/\nExamples?:\n/);
  if (at < 0) return null;
  return text.slice(text.indexOf("\n", at + 1) + 1).trimEnd().split("\n").map((l) => l.trim());
}

function escape(text: string): string {
  return text.replace(/\\/g, "\\e").replace(/-/g, "\\-").replace(/^\./gm, "\\&.").replace(/^'/gm, "\\&'");
}
