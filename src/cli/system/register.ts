/**
 * The system integration's CLI commands: `hooks` (install, uninstall) and
 * `list-persisted`. (`--persist` for bind and unbind lives with those.)
 */
import type { Command } from "commander";
import { registerHooksCommand } from "./hooks.js";
import { registerListPersistedCommand } from "./list-persisted.js";

/** Adds the system commands to `program`. */
export function registerSystemCommands(program: Command): void {
  registerHooksCommand(program);
  registerListPersistedCommand(program);
}
