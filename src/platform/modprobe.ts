/**
 * Loading kernel modules with modprobe, honouring blacklists (`modprobe -b`),
 * and asking modprobe why a module did not load.
 *
 * Running an external command (no shell) with hard bounds, since a module's
 * install command or a broken modprobe may hang, ignore SIGTERM, leave a
 * child behind or print without end:
 * - it runs in a process group of its own; at its deadline (or when the
 *   caller aborts) the whole group gets SIGTERM, then SIGKILL a second later;
 * - once the command itself has exited, a stray child still holding its
 *   pipes is not waited for: the pipes are closed after a short drain;
 * - at most OUTPUT_LIMIT bytes of each stream are kept; a command that prints
 *   more is stopped as at its deadline.
 */
import { spawn } from "node:child_process";
import { DEFAULT_MODPROBE } from "../files/fs.js";
import { findProhibition, type Prohibition } from "../parse/modprobe-config.js";
import type { ModuleName } from "./sysfs.js";

/**
 * Loads modules and explains failures. A load target is a module name or a
 * modalias (modprobe then loads the modules whose aliases match it); either is
 * passed as one argument, never through a shell.
 */
export interface ModuleLoader {
  /** The command line that loads `target`, for display. */
  loadCommand(target: string): string[];
  /** Runs the load; resolves with null on success or the reason it failed. */
  load(target: string): Promise<string | null>;
  /** What in the configuration keeps `m` from loading, or null. */
  prohibition(module: ModuleName): Promise<Prohibition | null>;
}

/** How long one modprobe run may take (the CLI's --modprobe-timeout, in seconds): 60 s. */
export const DEFAULT_MODPROBE_TIMEOUT_MS = 60_000;

/** The bounds of a loader's runs. */
export interface LoaderOptions {
  /** Each run's deadline, default DEFAULT_MODPROBE_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Stops a running command (the binder's interruption). */
  signal?: AbortSignal;
}

/** A loader running `command` (a program name or path, default `modprobe`). */
export function modprobeLoader(command = DEFAULT_MODPROBE, options: LoaderOptions = {}): ModuleLoader {
  const bounds = { timeoutMs: options.timeoutMs ?? DEFAULT_MODPROBE_TIMEOUT_MS, signal: options.signal };
  const loadCommand = (target: string): [string, ...string[]] => [command, "-b", target];
  return {
    loadCommand,
    async load(target) {
      const result = await run(loadCommand(target), bounds).catch((err: unknown) =>
        err instanceof Error ? err : new Error(String(err)),
      );
      if (result instanceof Error) return `cannot run ${command}: ${result.message}`;
      if (result.stopped !== null) return `${command} ${result.stopped}`;
      if (result.status === 0) return null;
      const said = result.stderr.trim().split("\n").pop() ?? "";
      const ended =
        result.status === null ? `killed by ${result.signal ?? "a signal"}` : `exit status ${result.status}`;
      return said === "" ? `${command} failed (${ended})` : `${said} (${ended})`;
    },
    async prohibition(m) {
      try {
        const result = await run([command, "-c"], bounds);
        // The configuration comes first in `modprobe -c`, so output cut at the limit still holds it.
        const complete = result.status === 0 || result.stopped === OVERFLOWED;
        return complete ? findProhibition(result.stdout, m) : null;
      } catch {
        return null;
      }
    },
  };
}

/** How long `modprobe --version` may take. */
const VERSION_TIMEOUT_MS = 5_000;

/**
 * The installed kmod's version (`modprobe --version` prints `kmod version 30`), or null when
 * there is no modprobe or it does not say (an older module-init-tools, a busybox modprobe).
 */
export async function installedKmodVersion(command = DEFAULT_MODPROBE): Promise<number | null> {
  try {
    const result = await run([command, "--version"], { timeoutMs: VERSION_TIMEOUT_MS });
    const found = /^kmod version (\d+)/m.exec(result.stdout);
    return result.status === 0 && found ? Number(found[1]) : null;
  } catch {
    return null;
  }
}

/** How a command ended. */
export interface RunResult {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** Why the command was stopped (`timed out after 60 s`, ...), or null when it ended by itself. */
  stopped: string | null;
}

/** The bounds of one run. */
export interface RunBounds {
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/** The most output kept per stream: `modprobe -c` prints the configuration and every alias (3 MB for Debian's kernel). */
export const OUTPUT_LIMIT = 16 << 20;
/** How long a command has between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 1_000;
/** How long the pipes are read after the command exits, for output still in them. */
const DRAIN_MS = 100;
const OVERFLOWED = `printed more than ${OUTPUT_LIMIT >> 20} MiB and was stopped`;

/**
 * Runs `argv[0]` with the rest as arguments within `bounds` (see the file
 * comment). Rejects only when the command cannot be started.
 */
export function run(argv: readonly [string, ...string[]], bounds: RunBounds): Promise<RunResult> {
  const [command, ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], detached: true });
    const out = capped();
    const err = capped();
    let stopped: string | null = null;
    let ended: { status: number | null; signal: string | null } | null = null;
    const timers: NodeJS.Timeout[] = [];

    const signalGroup = (signal: NodeJS.Signals): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // The group is gone already.
      }
    };
    const stop = (why: string): void => {
      if (stopped !== null || ended !== null) return;
      stopped = why;
      signalGroup("SIGTERM");
      timers.push(setTimeout(() => signalGroup("SIGKILL"), KILL_GRACE_MS));
    };
    const onAbort = (): void => stop("was interrupted");
    const finish = (): void => {
      for (const timer of timers) clearTimeout(timer);
      bounds.signal?.removeEventListener("abort", onAbort);
      child.stdout.destroy();
      child.stderr.destroy();
      child.unref();
      if (ended === null) return;
      resolve({ ...ended, stdout: out.text(), stderr: err.text(), stopped });
    };

    child.stdout.on("data", (chunk: Buffer) => out.add(chunk) || stop(OVERFLOWED));
    child.stderr.on("data", (chunk: Buffer) => err.add(chunk) || stop(OVERFLOWED));
    child.on("error", (error) => {
      finish();
      reject(error);
    });
    child.on("exit", (status, signal) => {
      ended = { status, signal };
      // A stopped command's children (an install command's) go with it, whatever they ignore.
      if (stopped !== null) signalGroup("SIGKILL");
      timers.push(setTimeout(finish, DRAIN_MS));
    });
    child.on("close", finish);
    timers.push(
      setTimeout(() => stop(`timed out after ${bounds.timeoutMs / 1000} s and was killed`), bounds.timeoutMs),
    );
    if (bounds.signal?.aborted === true) onAbort();
    else bounds.signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** A stream's bytes up to OUTPUT_LIMIT; `add` is false once more came. */
function capped(): { add(chunk: Buffer): boolean; text(): string } {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    add(chunk) {
      const room = OUTPUT_LIMIT - size;
      chunks.push(chunk.subarray(0, Math.max(0, room)));
      size += Math.min(chunk.length, Math.max(0, room));
      return chunk.length <= room;
    },
    text: () => Buffer.concat(chunks).toString("utf8"),
  };
}
