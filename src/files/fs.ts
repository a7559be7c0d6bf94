/**
 * Errors at the I/O edge, each naming the file it concerns, with the
 * system's error turned into words.
 *
 * Writing and removing files safely: a write goes to a temporary file in the
 * same directory, is flushed, gets its mode whatever the umask and is renamed
 * over the target (then the directory entry is flushed too), so a reader (a
 * lookup, udev at boot, a package manager) never sees half a file and a
 * crash or a concurrent writer never leaves one. Symbolic links are replaced
 * the same way. Missing parent directories are created (0755) on request.
 *
 * Whether to record the alias file's mtime in an index.
 *
 * The mtime only lets a later run trust an index without hashing the alias
 * file; it is the one recorded value that is not a function of the file's
 * contents. It is left out when the caller asks (`--no-mtime`) or when the
 * environment sets SOURCE_DATE_EPOCH (the reproducible-builds convention):
 * then the same bytes always give the same index, and freshness is decided
 * by size and SHA-256 alone.
 *
 * The binder's words for a failed sysfs or proc operation: the reason and the
 * errno code (`permission denied (EACCES)`), as its reports show them.
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, rename, symlink, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** The live system's sysfs mount (also the CLI's default for --sysfs-root). */
export const DEFAULT_SYSFS_ROOT = "/sys";
/** The live system's procfs mount (also the CLI's default for --proc-root). */
export const DEFAULT_PROC_ROOT = "/proc";
/** The modprobe found on PATH (also the CLI's default for --modprobe). */
export const DEFAULT_MODPROBE = "modprobe";

export class FileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = "FileError";
  }
}

/** The words for a system error, one table for every file, sysfs and proc operation. */
const REASONS: Record<string, string> = {
  ENOENT: "no such file",
  EISDIR: "is a directory",
  ENOTDIR: "a parent is not a directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EIO: "input/output error",
  ENODEV: "device is gone",
  ELOOP: "too many levels of symbolic links",
};

/** The `code` of a Node.js system error (`ENOENT`, `EACCES`, ...), or undefined for anything else. */
export function errnoOf(err: unknown): string | undefined {
  if (err instanceof Error && "code" in err && typeof err.code === "string") return err.code;
  return undefined;
}

/** A failed operation in words, without its code: the table's, else the words of Node's message. */
function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = errnoOf(err);
  if (code === undefined) return message;
  return REASONS[code] ?? /^[A-Z0-9]+: ([^,]+),/.exec(message)?.[1] ?? message;
}

/** A FileError for a failed system call on `path`. */
export function fileError(path: string, error: unknown): FileError {
  return new FileError(path, reasonOf(error));
}

/** A failed operation in words with its code, as the binder's reports show it: `permission denied (EACCES)`. */
export function describeErrno(err: unknown): string {
  const code = errnoOf(err);
  return code === undefined ? reasonOf(err) : `${reasonOf(err)} (${code})`;
}

/** Writes `content` to `path` atomically with permission bits `mode`. */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  mode: number,
  options: { parents?: boolean } = {},
): Promise<void> {
  if (options.parents !== false) await mkdir(dirname(path), { recursive: true, mode: 0o755 });
  const temp = tempName(path);
  try {
    const handle = await open(temp, "wx", mode);
    try {
      await handle.writeFile(content);
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** Makes `path` a symbolic link to `target` atomically. */
export async function writeLinkAtomic(path: string, target: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o755 });
  const temp = tempName(path);
  try {
    await symlink(target, temp);
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Removes `path`; true if it existed, false if it was already gone. */
export async function removeFile(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return false;
    throw error;
  }
}

/** A fresh temporary name beside `path`. */
function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/** Flush a directory entry (a rename) to disk; best effort where unsupported. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r").catch(() => null);
  if (handle === null) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

/** Whether to record the mtime; throws for a SOURCE_DATE_EPOCH that is not a whole number of seconds. */
export function recordsMtime(requested: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === "") return requested;
  if (!/^[0-9]+$/.test(epoch)) {
    throw new Error(`SOURCE_DATE_EPOCH=${JSON.stringify(epoch)} is not a number of seconds since the epoch`);
  }
  return false;
}
