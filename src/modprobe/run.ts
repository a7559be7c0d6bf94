/**
 * Running an external command (no shell) and collecting its exit status and output.
 */
import { spawn } from "node:child_process";

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
