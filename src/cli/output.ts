/**
 * Exit codes and the error the commands raise for bad usage or bad input.
 */

/**
 * Output of the binder commands: lines to stdout, `modalias: DEVICE: reason`
 * lines to stderr, JSON lines, and the exit status.
 *
 * Writes go through the command's commander output configuration, so a
 * program that redirects its output (as the tests do) gets these lines too.
 * The exit status is set on process.exitCode, never by exiting: 0 success,
 * 1 a device failed, 2 bad usage or bad input.
 */
/**
 * Printing one device's result: a JSON line with --json, otherwise its text
 * lines on stdout and its warnings and error on stderr. A failed device raises
 * the exit status to 1.
 */
/**
 * Reporting the lines of an alias file that were left out: by default one
 * summary on stderr (as depmod warns and goes on), with --strict every line
 * as FILE:LINE: reason and a failure.
 */
import type { Command } from "commander";
import type { AliasProblem } from "../parse/aliases.js";
import type { ConfigProblem } from "../parse/modprobe-config.js";

export const EXIT_OK = 0;
/** Some query matched nothing / some device failed. */
export const EXIT_SOME_FAILED = 1;
/** Bad usage or bad input. */
export const EXIT_USAGE = 2;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** Where a command writes. */
export interface Output {
  /** A line to stdout. */
  line(text: string): void;
  /** One JSON object on one stdout line. */
  json(value: unknown): void;
  /** `modalias: SUBJECT: reason` on stderr. */
  error(subject: string | null, reason: string): void;
  /** `modalias: SUBJECT: warning: text` on stderr. */
  warning(subject: string, text: string): void;
  /** Raises the exit status to at least `code`. */
  fail(code: number): void;
}

/** The output of command `cmd`. */
export function outputOf(cmd: Command): Output {
  const config = cmd.configureOutput();
  const writeOut = config.writeOut ?? ((s: string) => process.stdout.write(s));
  const writeErr = config.writeErr ?? ((s: string) => process.stderr.write(s));
  return {
    line: (text) => writeOut(`${text}\n`),
    json: (value) => writeOut(`${JSON.stringify(value)}\n`),
    error: (subject, reason) => writeErr(`modalias: ${subject === null ? "" : `${subject}: `}${reason}\n`),
    warning: (subject, text) => writeErr(`modalias: ${subject}: warning: ${text}\n`),
    fail: (code) => {
      process.exitCode = Math.max(Number(process.exitCode ?? 0), code);
    },
  };
}

/** What every per-device result has in common. */
export interface DeviceResult {
  device: string;
  ok: boolean;
  warnings?: readonly string[];
}

/** Prints `result`; `lines` and `reason` give its text for success and failure. */
export function emit<R extends DeviceResult>(
  output: Output,
  json: boolean,
  result: R,
  lines: (r: R) => string[],
  reason: (r: R) => string,
): void {
  if (!result.ok) output.fail(EXIT_SOME_FAILED);
  if (json) {
    output.json(result);
    return;
  }
  for (const warning of result.warnings ?? []) output.warning(result.device, warning);
  if (result.ok) for (const line of lines(result)) output.line(line);
  else output.error(result.device, reason(result));
}

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
    process.stderr.write(
      `modalias: ${strict ? "" : "warning: "}${p.line === null ? p.file : `${p.file}:${p.line}`}: ${p.reason}\n`,
    );
  }
  if (strict)
    throw new CliError(`${problems.length} bad configuration line${problems.length === 1 ? "" : "s"} (--strict)`);
}
