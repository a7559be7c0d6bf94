/**
 * `modalias hooks install|uninstall`: put in place (or remove) the kernel
 * hooks and units that rebuild the index when a kernel is installed or depmod
 * runs, and, where driverctl is not installed, the udev rule and unit that
 * apply persisted vfio choices at boot. Everything under --root (default /).
 * Text: one line per file, and for --dry-run the full text each file would
 * get, indented.
 */

import { realpathSync } from "node:fs";
import type { Command } from "commander";
import { type HookChange, type HookFile, installHooks, programUnder, uninstallHooks } from "../system/hooks.js";
import { DEFAULT_ROOT } from "../system/persisted.js";
import type { CommandContext } from "./output.js";

const EXAMPLE = `
Files (the boot units only where driverctl is not installed):
  /usr/lib/kernel/install.d/55-modalias.install   kernel-install: compile on add, delete the index on remove
  /etc/kernel/postinst.d/modalias                 Debian: compile after a kernel package is installed
  /etc/kernel/postrm.d/modalias                   Debian: delete the index after one is removed
  /usr/lib/systemd/system/modalias-index.path     compile when depmod rewrites the running kernel's
  /usr/lib/systemd/system/modalias-index.service    modules.alias (enabled by a link in
                                                   /etc/systemd/system/paths.target.wants)
  /usr/lib/udev/rules.d/89-modalias.rules         boot: bind the devices persisted in /etc/driverctl.d
  /usr/lib/systemd/system/modalias-bind@.service
The hooks and units run this modalias by the absolute paths of node and its
script (found even where node is not on systemd's PATH), or \`modalias\` from
PATH when those are not under --root; MODALIAS_BASEDIR in their environment is
passed as -b. Run \`systemctl daemon-reload\` afterwards to load the units now.

Examples:
  $ sudo modalias hooks install
  installed /usr/lib/kernel/install.d/55-modalias.install (mode 0755)
  ...
  $ modalias hooks install --dry-run --root /tmp/image
  $ sudo modalias hooks uninstall`;

interface HooksOptions {
  dryRun?: boolean;
  root: string;
}

/** The `hooks` command with its `install` and `uninstall` subcommands. */
export function defineHooks(hooks: Command, { output }: CommandContext): void {
  hooks.description("install or remove the kernel hooks and boot units").addHelpText("after", EXAMPLE);
  addHooksOptions(hooks.command("install").description("put the hooks in place (scripts 0755, units and rules 0644)"))
    .addHelpText(
      "after",
      "\nExample:\n  $ sudo modalias hooks install\n  $ modalias hooks install --dry-run --root /tmp/image",
    )
    .action(async (options: HooksOptions) => {
      const program = programUnder(options.root, process.execPath, realpathSync(process.argv[1] ?? "."));
      const result = await installHooks(options.root, options.dryRun === true, program);
      for (const c of result.changes) for (const line of changeLines(c)) output.line(line);
      if (program === null) {
        output.line(
          `the hooks and units run modalias from PATH: this one (${process.execPath}) is not under ${options.root}`,
        );
      }
      if (result.driverctl !== null) {
        output.line(`boot units left to driverctl (${result.driverctl}), which applies /etc/driverctl.d itself`);
      }
    });
  addHooksOptions(
    hooks
      .command("uninstall")
      .description("remove the files hooks install put in place, and the directories it created once empty"),
  )
    .addHelpText(
      "after",
      "\nExample:\n  $ sudo modalias hooks uninstall\n  removed /usr/lib/kernel/install.d/55-modalias.install\n  ...",
    )
    .action(async (options: HooksOptions) => {
      const { changes, directories } = await uninstallHooks(options.root, options.dryRun === true);
      for (const c of changes) {
        if (c.action === "left-foreign") output.warning(c.file, "not installed by modalias; left in place");
        for (const line of changeLines(c)) output.line(line);
      }
      for (const dir of directories) output.line(`${options.dryRun ? "would remove (if empty)" : "removed"} ${dir}/`);
    });
}

/** Adds `--dry-run` and `--root`, which install and uninstall share. */
function addHooksOptions(cmd: Command): Command {
  return cmd
    .option("--dry-run", "print what would be written or removed, and change nothing")
    .option("--root <dir>", "the root directory to work under", DEFAULT_ROOT);
}

/** The stdout lines for one change (a file left in place is a warning instead). */
function changeLines(c: HookChange): string[] {
  switch (c.action) {
    case "installed":
      return [`installed ${c.file} ${what(c.entry)}`];
    case "would-install":
      return [
        `would install ${c.file} ${what(c.entry)}${c.entry.kind === "file" ? ":" : ""}`,
        ...contentLines(c.entry),
      ];
    case "unchanged":
      return [`unchanged ${c.file}`];
    case "removed":
      return [`removed ${c.file}`];
    case "would-remove":
      return [`would remove ${c.file}`];
    case "left-foreign":
      return [];
  }
}

function what(entry: HookFile): string {
  return entry.kind === "file" ? `(mode ${entry.mode.toString(8).padStart(4, "0")})` : `-> ${entry.target}`;
}

function contentLines(entry: HookFile): string[] {
  if (entry.kind === "link") return [];
  return entry.content
    .trimEnd()
    .split("\n")
    .map((line) => `  ${line}`.trimEnd());
}
