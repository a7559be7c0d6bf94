/**
 * Loading kernel modules with modprobe, honouring blacklists (`modprobe -b`),
 * and asking modprobe why a module did not load.
 *
 * Running an external command (no shell) and collecting its exit status and output.
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

/** A loader running `command` (a program name or path, default `modprobe`). */
export function modprobeLoader(command = DEFAULT_MODPROBE): ModuleLoader {
  const loadCommand = (target: string): [string, ...string[]] => [command, "-b", target];
  return {
    loadCommand,
    async load(target) {
      const result = await run(loadCommand(target)).catch((err: unknown) =>
        err instanceof Error ? err : new Error(String(err)),
      );
      if (result instanceof Error) return `cannot run ${command}: ${result.message}`;
      if (result.status === 0) return null;
      const said = result.stderr.trim().split("\n").pop() ?? "";
      const ended =
        result.status === null ? `killed by ${result.signal ?? "a signal"}` : `exit status ${result.status}`;
      return said === "" ? `${command} failed (${ended})` : `${said} (${ended})`;
    },
    async prohibition(m) {
      try {
        const result = await run([command, "-c"]);
        return result.status === 0 ? findProhibition(result.stdout, m) : null;
      } catch {
        return null;
      }
    },
  };
}

/** How a command ended. */
export interface RunResult {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

const TIMEOUT_MS = 120_000;

/** Runs `argv[0]` with the rest as arguments. Rejects only when the command cannot be started. */
export function run(argv: readonly [string, ...string[]]): Promise<RunResult> {
  const [command, ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], timeout: TIMEOUT_MS });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}
