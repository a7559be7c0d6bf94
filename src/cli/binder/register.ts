/**
 * The binder's CLI commands: vfio, bind, unbind and status.
 *
 * Each command prints one result per device (text, or one JSON object per
 * line with --json), writes errors to stderr as `modalias: DEVICE: reason`,
 * and sets process.exitCode: 0 success, 1 a device failed, 2 bad input.
 */
import type { Command } from "commander";
import type { ChooseVfio } from "../../binder/chooser.js";
import { registerBindCommand } from "./bind.js";
import { registerStatusCommand } from "./status.js";
import { registerUnbindCommand } from "./unbind.js";
import { registerVfioCommand } from "./vfio.js";

/** Adds the binder commands to `program`. `getChooser` receives all parsed options of the command. */
export function registerBinderCommands(
  program: Command,
  getChooser: (opts: Record<string, unknown>) => Promise<ChooseVfio>,
): void {
  registerVfioCommand(program, getChooser);
  registerBindCommand(program, getChooser);
  registerUnbindCommand(program);
  registerStatusCommand(program, getChooser);
}
