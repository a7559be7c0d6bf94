/**
 * Text for `hooks install` and `hooks uninstall`: one line per file, and for
 * --dry-run the full text each file would get, indented.
 */
import type { HookFile } from "../../system/hook-files.js";
import type { HookChange } from "../../system/hooks-install.js";

/** The stdout lines for one change (a file left in place is a warning instead). */
export function changeLines(c: HookChange): string[] {
  switch (c.action) {
    case "installed":
      return [`installed ${c.file} ${what(c.entry)}`];
    case "would-install":
      return [`would install ${c.file} ${what(c.entry)}${c.entry.kind === "file" ? ":" : ""}`, ...contentLines(c.entry)];
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
