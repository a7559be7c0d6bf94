/**
 * The command line's start-up: one `modalias match --index FILE KEY` against
 * a bare `node -e 0`, each spawned CLI_RUNS times (interleaved) and compared
 * by median wall time. To show where start-up goes, the same for importing
 * commander alone, msgpackr alone, and `modalias --version`.
 */
import { fileURLToPath } from "node:url";
import { CLI_RUNS } from "../config.js";
import { median, runNode } from "./spawn.js";

export const CLI = fileURLToPath(new URL("../../../dist/cli/main.js", import.meta.url));

export interface CommandTiming {
  label: string;
  medianMs: number;
  minMs: number;
}

export interface CliResult {
  runs: number;
  commands: CommandTiming[];
  /** Median of the match command over median of `node -e 0`. */
  ratio: number;
  answer: string;
}

export function measureCli(indexPath: string, modalias: string): CliResult {
  const commands: [string, string[]][] = [
    ["node -e 0", ["-e", "0"]],
    ["node: import commander", ["--input-type=module", "-e", 'import "commander";']],
    ["node: import msgpackr", ["--input-type=module", "-e", 'import "msgpackr";']],
    ["modalias --version", [CLI, "--version"]],
    ["modalias match --index F KEY", [CLI, "match", "--index", indexPath, modalias]],
  ];
  const times = commands.map((): number[] => []);
  let answer = "";
  runNode(["-e", "0"]);
  for (let run = 0; run < CLI_RUNS; run++) {
    commands.forEach(([, args], i) => {
      const result = runNode(args);
      (times[i] as number[]).push(result.ms);
      if (i === commands.length - 1) answer = result.stdout.trim();
    });
  }
  const timings = commands.map(([label], i) => ({
    label,
    medianMs: median(times[i] as number[]),
    minMs: Math.min(...(times[i] as number[])),
  }));
  const base = (timings[0] as CommandTiming).medianMs;
  return {
    runs: CLI_RUNS,
    commands: timings,
    ratio: (timings[timings.length - 1] as CommandTiming).medianMs / base,
    answer,
  };
}
