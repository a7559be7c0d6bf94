/**
 * Text for `hooks install` and `hooks uninstall`: one line per file, and for
 * --dry-run the full text each file would get, indented.
 */
import type { HookChange } from "../../system/hooks-install.js";

/** The stdout lines for one change (a file left in place is a warning instead). */
export function changeLines(c: HookChange): string[] {
  const mode = c.mode.toString(8).padStart(4, "0");
  switch (c.action) {
    case "installed":
      return [`installed ${c.file} (mode ${mode})`];
    case "would-install":
      return [`would install ${c.file} (mode ${mode}):`, ...c.content.trimEnd().split("\n").map((l) => `  ${l}`.trimEnd())];
    case "removed":
      return [`removed ${c.file}`];
    case "would-remove":
      return [`would remove ${c.file}`];
    case "left-foreign":
      return [];
  }
}
