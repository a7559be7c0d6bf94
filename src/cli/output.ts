/**
 * The one path every command's output and exit status take: the program's
 * streams (ProgramIo: the process's, or a test's buffers), the Output each
 * command writes through, and the error a command throws for bad usage or
 * bad input. Exit status: 0 success, 1 some query matched nothing or some
 * device failed, 2 bad usage or bad input; the highest status asked for wins.
 */
import { quoted } from "../platform/sysfs.js";

export const EXIT_OK = 0;
/** Some query matched nothing / some device failed. */
export const EXIT_SOME_FAILED = 1;
/** Bad usage or bad input. */
export const EXIT_USAGE = 2;

/** Stops a command; the program prints `modalias: MESSAGE` and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** Bad usage of a command's options and arguments: reported as commander's are, with the usage line. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT_USAGE);
    this.name = "UsageError";
  }
}

/** The streams the program runs on. */
export interface ProgramIo {
  /** Writes to standard output; false when the reader is behind and `drained` should be awaited. */
  stdout(text: string): boolean;
  /** Resolves when standard output has taken what was written. */
  drained(): Promise<void>;
  stderr(text: string): void;
  /** Standard input, read by `match --stdin`. */
  stdin: AsyncIterable<Uint8Array>;
  /** Told each time the exit status rises, for a process that must stop early (a closed pipe). */
  statusChanged?(status: number): void;
}

/** Where a command writes, and the exit status it asks for. */
export interface Output {
  /** Text to stdout as it is; false when the reader is behind (await `drained`). */
  write(text: string): boolean;
  drained(): Promise<void>;
  /** A line to stdout. */
  line(text: string): void;
  /** One JSON object on one stdout line. */
  json(value: unknown): void;
  /** A line to stderr as it is, for diagnostics with their own layout. */
  note(text: string): void;
  /** `modalias: SUBJECT: reason` (or `modalias: reason`) on stderr. */
  error(subject: string | null, reason: string): void;
  /** `modalias: SUBJECT: warning: text` on stderr. */
  warning(subject: string, text: string): void;
  /** Raises the exit status to at least `code`. */
  fail(code: number): void;
  /** The exit status so far. */
  readonly status: number;
}

/** The Output over `io`, starting at exit status 0. */
export function createOutput(io: ProgramIo): Output {
  let status = EXIT_OK;
  const note = (text: string): void => io.stderr(`${text}\n`);
  return {
    write: (text) => io.stdout(text),
    drained: () => io.drained(),
    line: (text) => void io.stdout(`${text}\n`),
    json: (value) => void io.stdout(`${JSON.stringify(value)}\n`),
    note,
    error: (subject, reason) => note(`modalias: ${subject === null ? "" : `${subject}: `}${reason}`),
    warning: (subject, text) => note(`modalias: ${subject}: warning: ${text}`),
    fail: (code) => {
      if (code <= status) return;
      status = code;
      io.statusChanged?.(status);
    },
    get status() {
      return status;
    },
  };
}

/** Reports an error that stopped a command (not one commander reported) and gives its exit status. */
export function reportFailure(error: unknown, output: Output): number {
  output.error(null, error instanceof Error ? error.message : String(error));
  return error instanceof CliError ? error.exitCode : EXIT_USAGE;
}

/** What a command's action works with. */
export interface CommandContext {
  output: Output;
  stdin: AsyncIterable<Uint8Array>;
}

/**
 * `text` unchanged when it holds no control character, else quoted with escapes: text read
 * from an index, a configuration file, an ID database or sysfs never prints a control
 * character raw (a newline would forge a line of output, an escape sequence the terminal).
 */
export function printable(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) return quoted(text);
  }
  return text;
}
