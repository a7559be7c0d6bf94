/**
 * Running `modalias` in the tests, two ways:
 *   modalias(ARGS, options)         the built command (dist/, built by
 *                                   `npm test` first) as a child process;
 *   modaliasInProcess(ARGS, input)  the same program (runModalias, from
 *                                   src/) in this process, its output
 *                                   captured: fast, for the many binder
 *                                   runs on a fake sysfs.
 * Both give what the run printed and its exit status.
 */
import { spawn, spawnSync } from "node:child_process";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { createOutput, type Output, type ProgramIo } from "../../src/cli/output.js";
import { runModalias } from "../../src/cli/program.js";

/** The built command's entry point. */
export const MAIN = fileURLToPath(new URL("../../dist/cli/modalias.cjs", import.meta.url));

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface SpawnOptions {
  /** Standard input. */
  input?: string | Buffer;
  /** Extra environment variables (SOURCE_DATE_EPOCH is unset unless given here). */
  env?: Record<string, string>;
  /** The umask to run under (set by a shell, which then execs the command). */
  umask?: string;
}

/** Runs the built `modalias ARGS...` to completion. */
export function modalias(args: readonly string[], options?: SpawnOptions): Run;
/** Starts the built `modalias ARGS...` and resolves when it exits, for runs side by side. */
export function modalias(args: readonly string[], options: SpawnOptions & { async: true }): Promise<Run>;
export function modalias(args: readonly string[], options: SpawnOptions & { async?: true } = {}): Run | Promise<Run> {
  const [command, argv] = commandLine(args, options.umask);
  const env = { ...process.env, ...options.env };
  if (options.env?.SOURCE_DATE_EPOCH === undefined) delete env.SOURCE_DATE_EPOCH;
  if (options.async === true) return spawnAsync(command, argv, env, options.input);
  const run = spawnSync(command, argv, { input: options.input, env, encoding: "utf8", maxBuffer: 1 << 28 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function commandLine(args: readonly string[], umask: string | undefined): [string, string[]] {
  if (umask === undefined) return [process.execPath, [MAIN, ...args]];
  return ["sh", ["-c", 'umask "$1" && shift && exec "$@"', "sh", umask, process.execPath, MAIN, ...args]];
}

function spawnAsync(
  command: string,
  argv: string[],
  env: NodeJS.ProcessEnv,
  input: string | Buffer | undefined,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Runs `modalias ARGS...` in this process, with `input` as standard input. */
export async function modaliasInProcess(
  args: readonly string[],
  input: string | Buffer = "",
): Promise<Run & { status: number }> {
  const captured = capturedIo(input);
  const status = await runModalias(args, captured.io);
  return { status, stdout: captured.stdout, stderr: captured.stderr };
}

/** An Output whose text and exit status are kept, for tests that drive a command's printing directly. */
export function capturedOutput(): {
  output: Output;
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
} {
  const captured = capturedIo("");
  const output = createOutput(captured.io);
  return {
    output,
    get stdout() {
      return captured.stdout;
    },
    get stderr() {
      return captured.stderr;
    },
    get status() {
      return output.status;
    },
  };
}

/** Streams that keep what is written, over `input` as standard input. */
function capturedIo(input: string | Buffer): { io: ProgramIo; readonly stdout: string; readonly stderr: string } {
  let stdout = "";
  let stderr = "";
  const io: ProgramIo = {
    stdout: (text) => {
      stdout += text;
      return true;
    },
    drained: async () => undefined,
    stderr: (text) => void (stderr += text),
    stdin: Readable.from([Buffer.from(input)]),
  };
  return {
    io,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
  };
}
