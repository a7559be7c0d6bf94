/**
 * Running the built `modalias` command (dist/, built by `npm test` first).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function modalias(args: string[], input?: string | Buffer): Run {
  const result = spawnSync(process.execPath, [MAIN, ...args], { input, encoding: "utf8", maxBuffer: 1 << 28 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
