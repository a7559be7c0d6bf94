/**
 * Reporting the lines of an alias file that were left out: by default one
 * summary on stderr (as depmod warns and goes on), with --strict every line
 * as FILE:LINE: reason and a failure.
 */
import type { AliasProblem } from "../alias/parse.js";
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
