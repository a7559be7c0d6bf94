/**
 * Reporting the input lines that were left out. Alias files: by default one
 * summary on stderr (as depmod warns and goes on), with --strict every line as
 * FILE:LINE: reason and a failure. Configuration lines kmod ignores (bad or
 * deprecated commands, unreadable files): a warning each, as modprobe logs
 * them and goes on; with --strict, a failure.
 */
import type { AliasProblem } from "../parse/aliases.js";
import type { ConfigProblem } from "../parse/modprobe-config.js";
import { CliError, type Output } from "./output.js";

/** How many malformed lines the summary names. */
const SHOWN = 3;

export function reportProblems(output: Output, file: string, problems: readonly AliasProblem[], strict: boolean): void {
  if (problems.length === 0) return;
  const where = (p: AliasProblem): string => `${file}:${p.line}: ${p.reason}`;
  const lines = `${problems.length} malformed line${problems.length === 1 ? "" : "s"}`;
  if (strict) {
    for (const p of problems) output.note(where(p));
    throw new CliError(`${file}: ${lines} (--strict)`);
  }
  const shown = problems.slice(0, SHOWN).map(where);
  const more = problems.length > SHOWN ? `\n  ... and ${problems.length - SHOWN} more (--strict lists them all)` : "";
  output.note(`modalias: warning: ${file}: skipped ${lines}:\n  ${shown.join("\n  ")}${more}`);
}

export function reportConfigProblems(
  output: Output,
  config: { problems: readonly ConfigProblem[] },
  strict: boolean,
): void {
  const { problems } = config;
  if (problems.length === 0) return;
  for (const p of problems) {
    output.note(
      `modalias: ${strict ? "" : "warning: "}${p.line === null ? p.file : `${p.file}:${p.line}`}: ${p.reason}`,
    );
  }
  if (strict) {
    throw new CliError(`${problems.length} bad configuration line${problems.length === 1 ? "" : "s"} (--strict)`);
  }
}
