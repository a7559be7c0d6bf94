/**
 * Running node child processes and timing them from spawn to exit.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The compiled path of a bench child script (children/NAME.js). */
export function childScript(name: string): string {
  return fileURLToPath(new URL(`../children/${name}.js`, import.meta.url));
}

export interface Run {
  ms: number;
  stdout: string;
  status: number | null;
}

/** Run node with `args` once, with `input` on stdin; wall time in ms. */
export function runNode(args: readonly string[], input?: string): Run {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { input, encoding: "latin1", maxBuffer: 1 << 28 });
  const ms = performance.now() - start;
  if (child.error) throw child.error;
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`node ${args.join(" ")} exited with ${String(child.status)}: ${child.stderr.slice(0, 500)}`);
  }
  return { ms, stdout: child.stdout, status: child.status };
}

/** The JSON line a child printed. */
export function childJson<T>(args: readonly string[]): T {
  return JSON.parse(runNode(args).stdout) as T;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
