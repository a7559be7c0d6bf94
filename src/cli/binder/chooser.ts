/**
 * Getting the vfio chooser from the CLI's alias index, reporting a failure
 * (no index, unreadable alias file) as bad input, or with the exit status the
 * error carries.
 */
import type { ChooseVfio } from "../../binder/chooser.js";
import { EXIT_USAGE, type Output } from "./output.js";

/** Builds the chooser from all parsed options (the alias-file options among them). */
export type GetChooser = (opts: Record<string, unknown>) => Promise<ChooseVfio>;

/** The chooser, or null after reporting why it could not be had (exit status 2). */
export async function loadChooser(
  get: GetChooser,
  opts: Record<string, unknown>,
  output: Output,
): Promise<ChooseVfio | null> {
  try {
    return await get(opts);
  } catch (err) {
    output.error(null, err instanceof Error ? err.message : String(err));
    output.fail(exitCodeOf(err) ?? EXIT_USAGE);
    return null;
  }
}

/** The exit status an error asks for (the CLI's own errors carry one), if any. */
function exitCodeOf(err: unknown): number | undefined {
  if (err instanceof Error && "exitCode" in err && typeof err.exitCode === "number") return err.exitCode;
  return undefined;
}
