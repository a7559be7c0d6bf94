/**
 * The line that marks a file as put in place by `modalias hooks install`.
 * Uninstall removes only files that carry it, and install overwrites only
 * those, so a file of the same name that someone else owns is never touched.
 */

/** The marker, as a comment line for shell scripts, udev rules and unit files alike. */
export const MARKER = "# Installed by `modalias hooks install`; `modalias hooks uninstall` removes it.";

/** True when `text` is one of our files. */
export function hasMarker(text: string): boolean {
  return text.split("\n", 3).includes(MARKER);
}
