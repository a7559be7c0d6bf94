/**
 * Running the built `modalias` command (dist/cli/main.js) as a child
 * process, and scratch directories for the files it reads and writes.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const MAIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run `modalias ARGS...` to completion with extra environment variables. */
export function modalias(args: readonly string[], env: Record<string, string> = {}): Run {
  const run = spawnSync(process.execPath, [MAIN, ...args], { encoding: "utf8", env: cleanEnv(env) });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Run `modalias ARGS...` with the given umask (set by a shell, then exec). */
export function modaliasWithUmask(umask: string, args: readonly string[]): Run {
  const script = 'umask "$1" && shift && exec "$@"';
  const run = spawnSync("sh", ["-c", script, "sh", umask, process.execPath, MAIN, ...args], {
    encoding: "utf8",
    env: cleanEnv({}),
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Start `modalias ARGS...` and resolve when it exits. */
export function modaliasAsync(args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: cleanEnv({}) });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  if (!("SOURCE_DATE_EPOCH" in extra)) delete env.SOURCE_DATE_EPOCH;
  return env;
}

/** A fresh scratch directory, and its removal. */
export function scratch(): { dir: string; path: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "modalias-"));
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
