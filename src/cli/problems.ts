/**
 * Reporting the lines of an alias file that were left out: by default one
 * summary on stderr (as depmod warns and goes on), with --strict every line
 * as FILE:LINE: reason and a failure.
 */
import type { AliasProblem } from "../alias/parse.js";
import type { ConfigProblem } from "../config/records.js";
import { CliError } from "./errors.js";

const SHOWN = 3;

export function reportProblems(file: string, problems: readonly AliasProblem[], strict: boolean): void {
  if (problems.length === 0) return;
  const where = (p: AliasProblem): string => `${file}:${p.line}: ${p.reason}`;
  if (strict) {
    for (const p of problems) process.stderr.write(`${where(p)}\n`);
    throw new CliError(`${file}: ${problems.length} malformed line${problems.length === 1 ? "" : "s"} (--strict)`);
  }
  const shown = problems.slice(0, SHOWN).map(where);
  const more = problems.length > SHOWN ? `\n  ... and ${problems.length - SHOWN} more (--strict lists them all)` : "";
  process.stderr.write(
    `modalias: warning: ${file}: skipped ${problems.length} malformed line${problems.length === 1 ? "" : "s"}:\n  ${shown.join("\n  ")}${more}\n`,
  );
}

/**
 * Reporting the configuration lines kmod ignores (bad or deprecated
 * commands, unreadable files): a warning each, as modprobe logs them and
 * goes on; with --strict, a failure.
 */
export function reportConfigProblems(config: { problems: readonly ConfigProblem[] }, strict: boolean): void {
  const { problems } = config;
  if (problems.length === 0) return;
  for (const p of problems) {
    process.stderr.write(`modalias: ${strict ? "" : "warning: "}${p.line === null ? p.file : `${p.file}:${p.line}`}: ${p.reason}\n`);
  }
  if (strict) throw new CliError(`${problems.length} bad configuration line${problems.length === 1 ? "" : "s"} (--strict)`);
}
