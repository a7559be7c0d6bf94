/**
 * Running the binder commands in-process through commander, capturing
 * stdout, stderr and the exit status they set.
 */
import { Command, CommanderError } from "commander";
import type { ChooseVfio } from "../../src/binder/choose.js";
import { registerBinderCommands } from "../../src/cli/bind.js";

/** What a run printed and the exit status it set (commander's own, for help and usage errors). */
export interface CliRun {
  stdout: string;
  stderr: string;
  status: number;
  /** The options getChooser received, if it was called. */
  chooserOpts: Record<string, unknown> | null;
}

/** Runs `modalias ARGS...` with the binder commands and chooser `choose` (an Error: getChooser rejects with it). */
export async function runCli(args: string[], choose: ChooseVfio | Error): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  let chooserOpts: Record<string, unknown> | null = null;
  const program = new Command("modalias").exitOverride().configureOutput({
    writeOut: (s) => (stdout += s),
    writeErr: (s) => (stderr += s),
  });
  registerBinderCommands(program, async (opts) => {
    chooserOpts = opts;
    if (choose instanceof Error) throw choose;
    return choose;
  });
  const saved = process.exitCode;
  process.exitCode = 0;
  try {
    try {
      await program.parseAsync(args, { from: "user" });
    } catch (err) {
      if (!(err instanceof CommanderError)) throw err;
      return { stdout, stderr, status: err.exitCode, chooserOpts };
    }
    return { stdout, stderr, status: Number(process.exitCode ?? 0), chooserOpts };
  } finally {
    process.exitCode = saved;
  }
}
