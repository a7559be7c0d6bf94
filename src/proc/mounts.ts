/**
 * What is mounted or swapped on, from the text of /proc/self/mounts (or
 * /proc/mounts) and /proc/swaps.
 */

/** A mounted source device and where it is mounted, or `[swap]` for swap. */
export interface MountUse {
  source: string;
  target: string;
}

/** The entries of a mounts table whose source is a path (real devices, not tmpfs or proc). */
export function parseMounts(text: string): MountUse[] {
  const uses: MountUse[] = [];
  for (const line of text.split("\n")) {
    const [source, target] = line.split(" ");
    if (source === undefined || target === undefined || !source.startsWith("/")) continue;
    uses.push({ source: unescapeOctal(source), target: unescapeOctal(target) });
  }
  return uses;
}

/** The entries of /proc/swaps (after its header line), as uses with target `[swap]`. */
export function parseSwaps(text: string): MountUse[] {
  const uses: MountUse[] = [];
  for (const line of text.split("\n").slice(1)) {
    const source = line.split(/\s+/)[0];
    if (source === undefined || !source.startsWith("/")) continue;
    uses.push({ source: unescapeOctal(source), target: "[swap]" });
  }
  return uses;
}

/** The kernel writes space, tab, newline and backslash in these tables as `\ooo`. */
function unescapeOctal(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(Number.parseInt(oct, 8)));
}
