/**
 * Output of the binder commands: lines to stdout, `modalias: DEVICE: reason`
 * lines to stderr, JSON lines, and the exit status.
 *
 * Writes go through the command's commander output configuration, so a
 * program that redirects its output (as the tests do) gets these lines too.
 * The exit status is set on process.exitCode, never by exiting: 0 success,
 * 1 a device failed, 2 bad usage or bad input.
 */
import type { Command } from "commander";
import { EXIT_SOME_FAILED, EXIT_USAGE } from "../errors.js";

export { EXIT_USAGE };
/** A device failed, was refused or rolled back. */
export const EXIT_DEVICE_FAILED = EXIT_SOME_FAILED;

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
