/**
 * Reading procfs tables under a configurable root (normally `/proc`). Only
 * fixed file names are joined onto the root.
 *
 * What is mounted or swapped on, from the text of /proc/self/mounts (or
 * /proc/mounts) and /proc/swaps.
 *
 * Which network interfaces carry routes, from the text of /proc/net/route and
 * /proc/net/ipv6_route.
 *
 * IPv6 link-local (fe80::/10) and multicast (ff00::/8) routes are left out:
 * the kernel adds them to every interface that is up, so they say nothing
 * about the interface being in use. Loopback is left out too.
 *
 * The effective user id of this process, from /proc/self/status under the
 * root, so that a test tree can stand in for a user the tests do not run as.
 */
import { join } from "node:path";
import { DATA_LIMIT, errnoOf, readBounded } from "../files/fs.js";

/** The procfs files the binder reads. */
export type ProcFile = "net/route" | "net/ipv6_route" | "self/mounts" | "mounts" | "swaps" | "self/status";

/** The text of a procfs file, or null when it does not exist (no IPv6, no swap support, ...). */
export async function readProc(procRoot: string, file: ProcFile): Promise<string | null> {
  try {
    return await readRequiredProc(procRoot, file);
  } catch (err) {
    if (errnoOf(err) === "ENOENT") return null;
    throw err;
  }
}

/**
 * The text of a procfs file every kernel has (net/route, mounts); a FileError
 * naming it when it cannot be read, absence included, so that a check built
 * on it fails instead of passing on nothing.
 */
export async function readRequiredProc(procRoot: string, file: ProcFile): Promise<string> {
  return (await readBounded(join(procRoot, file), DATA_LIMIT)).bytes.toString("utf8");
}

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

/** Interface names with at least one IPv4 or IPv6 route. */
export function routedInterfaces(ipv4Table: string, ipv6Table: string): Set<string> {
  const names = new Set<string>();
  for (const line of ipv4Table.split("\n").slice(1)) {
    const iface = line.split("\t")[0]?.trim();
    if (iface) names.add(iface);
  }
  for (const line of ipv6Table.split("\n")) {
    const fields = line.trim().split(/\s+/);
    const dest = fields[0];
    const iface = fields[9];
    if (fields.length < 10 || dest === undefined || iface === undefined) continue;
    if (/^fe[89ab]/i.test(dest) || /^ff/i.test(dest)) continue;
    names.add(iface);
  }
  names.delete("lo");
  return names;
}

/**
 * The effective user id in `/proc/self/status` (its `Uid:` line: real, effective, saved,
 * filesystem), or the process's own when the tree has no such file or line.
 */
export async function effectiveUid(procRoot: string): Promise<number> {
  const status = await readProc(procRoot, "self/status");
  const uid = /^Uid:\s+\d+\s+(\d+)/m.exec(status ?? "")?.[1];
  return uid === undefined ? (process.geteuid?.() ?? 0) : Number(uid);
}
