/**
 * The I/O primitives every layer above uses: errors naming the file they
 * concern (with the system's error turned into words, one table), bounded
 * reads, the containment rule for writes, and atomic writes.
 *
 * Reading: every file is opened non-blocking, checked to be a regular file
 * (a FIFO, a device, a socket or a directory is refused, naming it, before a
 * byte is read, so nothing waits on a writer that never comes or reads
 * /dev/zero forever) and read up to a limit of its kind (PAGE_LIMIT,
 * TEXT_LIMIT, DATA_LIMIT); a file over its limit is refused, naming it and
 * the limit. A caller may check the first bytes (an index's preamble and
 * header) before the rest is read.
 *
 * Writing under a root: every path the tool writes, creates, renames or
 * removes lies under a root (the sysfs mount, `--root` for persisted
 * choices and hooks, the output's directory for an index) and is resolved
 * inside it one component at a time: a symbolic link among the parents is
 * followed only while it stays inside the root (an absolute target is read
 * as the root's own path, as inside a chroot or an image; a `..` above the
 * root is refused), and the final component is never followed. So a link
 * planted in a tree can redirect a write only to another place in the same
 * tree. The check is made before each operation; someone who can rename
 * directories in the tree while it runs is not defended against (Node has no
 * openat), and only root can do that in sysfs or a system root.
 *
 * Writing and removing files safely: a write goes to a temporary file in the
 * same directory, is flushed, gets its mode whatever the umask and is renamed
 * over the target (then the directory entry is flushed too), so a reader (a
 * lookup, udev at boot, a package manager) never sees half a file and a
 * crash or a concurrent writer never leaves one. Only a regular file (or
 * nothing) is replaced: a symbolic link, a device node, a FIFO or a directory
 * at the target is refused, naming it. Temporary files left by a process
 * that was killed are removed by the next write of the same file. Missing
 * parent directories are created (0755) on request.
 *
 * Whether to record the alias file's mtime in an index.
 *
 * The mtime only lets a later run trust an index without hashing the alias
 * file; it is the one recorded value that is not a function of the file's
 * contents. It is left out when the caller asks (`--no-mtime`) or when the
 * environment sets SOURCE_DATE_EPOCH (the reproducible-builds convention):
 * then the same bytes always give the same index, and freshness is decided
 * by size and SHA-256 alone.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  realpathSync,
  type Stats,
} from "node:fs";
import {
  type FileHandle,
  lstat,
  mkdir,
  open,
  readdir,
  readlink,
  realpath,
  rename,
  symlink,
  unlink,
} from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";

/** The live system's sysfs mount (also the CLI's default for --sysfs-root). */
export const DEFAULT_SYSFS_ROOT = "/sys";
/** The live system's procfs mount (also the CLI's default for --proc-root). */
export const DEFAULT_PROC_ROOT = "/proc";
/** The modprobe found on PATH (also the CLI's default for --modprobe). */
export const DEFAULT_MODPROBE = "modprobe";

/** A sysfs attribute is at most one page. Also the bound of a driverctl entry (one driver name). */
export const PAGE_LIMIT = 4096;
/** modprobe configuration files, the kernel command line, hook files: 16 MiB. */
export const TEXT_LIMIT = 16 << 20;
/** Alias files, modules.builtin.modinfo, indexes, procfs tables: 256 MiB (a 1M-line modules.alias is 52 MB). */
export const DATA_LIMIT = 256 << 20;

export class FileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    /** The system error's code, when a system call failed. */
    readonly code?: string,
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
  ENXIO: "no such device or address",
};

/** The `code` of a Node.js system error (`ENOENT`, `EACCES`, ...), or undefined for anything else. */
export function errnoOf(err: unknown): string | undefined {
  if (err instanceof Error && "code" in err && typeof err.code === "string") return err.code;
  return undefined;
}

/** A failed operation in words, without its code: the table's, else the words of Node's message. */
export function reasonOf(err: unknown): string {
  if (err instanceof FileError) return err.reason;
  const message = err instanceof Error ? err.message : String(err);
  const code = errnoOf(err);
  if (code === undefined) return message;
  return REASONS[code] ?? /^[A-Z0-9]+: ([^,]+),/.exec(message)?.[1] ?? message;
}

/** A FileError for a failed system call on `path` (a FileError already names its file and is kept). */
export function fileError(path: string, error: unknown): FileError {
  if (error instanceof FileError) return error;
  return new FileError(path, reasonOf(error), errnoOf(error));
}

/**
 * A failed operation in words with its code, as the binder's reports show it:
 * `permission denied (EACCES)`; a FileError names its file unless it is
 * `subject`, the file the words are already about.
 */
export function describeErrno(err: unknown, subject?: string): string {
  const words = err instanceof FileError && err.path !== subject ? err.message : reasonOf(err);
  const code = errnoOf(err);
  return code === undefined ? words : `${words} (${code})`;
}

/**
 * A failed operation on `file` in words: `permission denied (EACCES) writing
 * FILE` for a failed system call, or a refusal's own `FILE: reason`.
 */
export function describeFailure(verb: string, file: string, err: unknown): string {
  if (!(err instanceof FileError)) return `${describeErrno(err)} ${verb} ${file}`;
  return err.code === undefined ? err.message : `${err.reason} (${err.code}) ${verb} ${err.path}`;
}

/** Why a file that is not a regular file is refused. */
function notRegular(info: Stats): string {
  if (info.isDirectory()) return "is a directory";
  const kind = info.isSymbolicLink()
    ? "a symbolic link, not followed"
    : info.isFIFO()
      ? "a FIFO"
      : info.isCharacterDevice()
        ? "a character device"
        : info.isBlockDevice()
          ? "a block device"
          : info.isSocket()
            ? "a socket"
            : "not a regular file";
  return info.isSymbolicLink() ? `is ${kind}` : `is ${kind}, not a regular file`;
}

function tooLarge(path: string, limit: number): FileError {
  return new FileError(
    path,
    `larger than ${limit >> 20 > 0 ? `${limit >> 20} MiB` : `${limit} bytes`}, the limit for this file`,
  );
}

/** How much is read per call (a sysfs page in one), and so the most of a file a head check sees. */
const CHUNK = 1 << 20;

/**
 * The bytes of the regular file `path`, at most `limit` of them (see the file
 * comment), and its status. `checkHead`, when given, sees the first chunk read
 * (up to 1 MiB, or the whole file) before anything more is read, and throws
 * to stop. Throws a FileError naming `path`.
 */
export async function readBounded(
  path: string,
  limit: number,
  checkHead?: (head: Buffer) => void,
): Promise<{ bytes: Buffer; stats: Stats }> {
  const parts: Buffer[] = [];
  let total = 0;
  const stats = await readBoundedPieces(path, limit, (piece) => {
    parts.push(piece);
    total += piece.length;
    if (parts.length === 1) checkHead?.(piece);
  });
  try {
    if (parts.length === 0) checkHead?.(Buffer.alloc(0));
  } catch (error) {
    throw fileError(path, error);
  }
  return { bytes: Buffer.concat(parts, total), stats };
}

/**
 * readBounded's checks, limit and errors, the bytes handed to `take` as they are read (up to
 * 1 MiB at a time, each piece its own buffer) rather than kept, so that a large file need not
 * be whole in memory (compiling an alias file); returns the file's status. `take` may throw
 * to stop.
 */
export async function readBoundedPieces(path: string, limit: number, take: (piece: Buffer) => void): Promise<Stats> {
  const handle = await openNonBlocking(path, constants.O_RDONLY);
  try {
    const stats = await handle.stat();
    refuseOpened(path, stats, limit);
    let total = 0;
    for (;;) {
      const want = Math.min(CHUNK, limit + 1 - total);
      const buffer = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(buffer, 0, want, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) throw tooLarge(path, limit);
      take(buffer.subarray(0, bytesRead));
    }
    return stats;
  } catch (error) {
    throw fileError(path, error);
  } finally {
    await handle.close();
  }
}

/**
 * readBounded without the event loop: the same checks, limit and error words, and `checkHead`
 * likewise sees the first piece read (up to 1 MiB) before anything more is read. For the many
 * one-page files of a sysfs walk (each a few microseconds, where a hop to the thread pool
 * costs more than the read), and for the command line's index. The regular-file check on the
 * opened descriptor is what makes a synchronous read safe, as nothing regular blocks. With
 * `noFollow`, a symbolic link as the last component is refused, naming it, instead of followed.
 */
export function readBoundedSync(
  path: string,
  limit: number,
  options: { noFollow?: boolean; checkHead?: (head: Buffer) => void } = {},
): Buffer {
  const flags = constants.O_RDONLY | NON_BLOCKING | (options.noFollow === true ? constants.O_NOFOLLOW : 0);
  let fd: number;
  try {
    fd = openSync(path, flags);
  } catch (error) {
    if (options.noFollow !== true || errnoOf(error) !== "ELOOP") throw fileError(path, error);
    // O_NOFOLLOW's ELOOP: the last component is a link (said as for any file not regular), or a loop above it.
    const info = lstatOrNull(path);
    throw info?.isSymbolicLink() === true ? new FileError(path, notRegular(info)) : fileError(path, error);
  }
  try {
    refuseOpened(path, fstatSync(fd), limit);
    // Pieces copied out of one reused buffer, as readBoundedPieces reads them: a page-sized
    // attribute is read in one call, then EOF. (Reading an index into one buffer sized from its
    // status instead made a long --stdin batch's lookups measurably slower.)
    const buffer = Buffer.allocUnsafe(Math.min(limit + 1, CHUNK));
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, Math.min(buffer.length, limit + 1 - total), null);
      if (total === 0) options.checkHead?.(buffer.subarray(0, bytesRead));
      if (bytesRead === 0) break;
      parts.push(Buffer.from(buffer.subarray(0, bytesRead)));
      total += bytesRead;
      if (total > limit) throw tooLarge(path, limit);
    }
    return Buffer.concat(parts, total);
  } catch (error) {
    throw fileError(path, error);
  } finally {
    closeSync(fd);
  }
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** Refuses an opened file that is not regular or is over `limit`, naming `path`. */
function refuseOpened(path: string, stats: Stats, limit: number): void {
  if (!stats.isFile()) throw new FileError(path, notRegular(stats));
  if (stats.size > limit) throw tooLarge(path, limit);
}

/** Opens never wait (a FIFO without a writer, a tty) nor make the file the controlling terminal. */
const NON_BLOCKING = constants.O_NONBLOCK | constants.O_NOCTTY;

/** Opens `path` without blocking (a FIFO without a writer, a tty) and without becoming its controlling terminal. */
async function openNonBlocking(path: string, flags: number): Promise<FileHandle> {
  try {
    return await open(path, flags | NON_BLOCKING);
  } catch (error) {
    throw fileError(path, error);
  }
}

/** How many symbolic links one resolution may follow, as the kernel's limit. */
const MAX_LINKS = 40;

/**
 * Where `path`, a path under `root`, really is: its parents resolved inside
 * `root` (see the file comment), its final component not followed. Missing
 * parents are created (0755) with `create`; otherwise the first missing one
 * ends the resolution (the operation then fails with ENOENT). Throws a
 * FileError naming `path` when it is not under `root` or leads out of it.
 */
export async function resolveInside(root: string, path: string, options: { create?: boolean } = {}): Promise<string> {
  const rel = relative(root, path);
  const last = basename(rel);
  if (rel === "" || rel === ".." || rel.startsWith("../") || isAbsolute(rel) || last === "." || last === "..") {
    throw new FileError(path, `is not a file under ${root}`);
  }
  let top: string;
  try {
    top = await realpath(root);
  } catch (error) {
    throw new FileError(path, reasonOf(error), errnoOf(error));
  }
  const pending = dirname(rel).split("/").reverse();
  let dir = top;
  let links = 0;
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (name === "" || name === ".") continue;
    if (name === "..") {
      if (dir === top) throw leadsOut(path, root);
      dir = dirname(dir);
      continue;
    }
    const next = join(dir, name);
    let info: Stats;
    try {
      info = await lstat(next);
    } catch (error) {
      if (errnoOf(error) !== "ENOENT") throw fileError(path, error);
      if (options.create !== true) return join(next, ...pending.reverse(), last);
      await mkdir(next, { mode: 0o755 }).catch((e: unknown) => {
        if (errnoOf(e) !== "EEXIST") throw fileError(path, e);
      });
      pending.push(name);
      continue;
    }
    if (info.isSymbolicLink()) {
      links += 1;
      if (links > MAX_LINKS) throw new FileError(path, REASONS.ELOOP!, "ELOOP");
      const target = await readlink(next);
      if (isAbsolute(target)) dir = top;
      pending.push(...target.split("/").reverse());
    } else if (info.isDirectory()) {
      dir = next;
    } else {
      throw new FileError(path, REASONS.ENOTDIR!, "ENOTDIR");
    }
  }
  return join(dir, last);
}

/** A directory as realpathInsideSync caches it: its real path and which of its entries are symbolic links. */
export interface ListedDirectory {
  real: string;
  /** Whether `real` lies inside the root. */
  inside: boolean;
  isLink: ReadonlyMap<string, boolean>;
}

/**
 * Where `path` really is, every symbolic link followed, for reading a tree whose own links
 * lead elsewhere in it (a sysfs bus's device links): refused, naming `path`, unless it lies
 * inside `top`, the real path of `root`. For walks over thousands of links into a few
 * directories, each directory met is resolved and listed once, in `dirs` (by its path), so a
 * link costs one readlink, not a call a component; an entry the listing does not have (made
 * since) is looked at itself. Throws a FileError naming `path` (ENOENT when it is gone).
 */
export function realpathInsideSync(
  root: string,
  top: string,
  path: string,
  dirs: Map<string, ListedDirectory>,
): string {
  let at = path;
  try {
    for (let links = 0; ; links++) {
      const dir = dirname(at);
      const name = basename(at);
      let listed = dirs.get(dir);
      if (listed === undefined) {
        const isLink = new Map(readdirSync(dir, { withFileTypes: true }).map((e) => [e.name, e.isSymbolicLink()]));
        const real = realpathSync.native(dir);
        const rel = relative(top, real);
        listed = { real, inside: !(rel === ".." || rel.startsWith("../") || isAbsolute(rel)), isLink };
        dirs.set(dir, listed);
      }
      if (!(listed.isLink.get(name) ?? lstatSync(at).isSymbolicLink())) {
        if (!listed.inside) throw leadsOut(path, root);
        return join(listed.real, name);
      }
      if (links === MAX_LINKS) throw new FileError(path, REASONS.ELOOP!, "ELOOP");
      at = resolve(dir, readlinkSync(at));
    }
  } catch (error) {
    throw fileError(path, error);
  }
}

function leadsOut(path: string, root: string): FileError {
  return new FileError(path, `leads out of ${root} through a symbolic link`);
}

/**
 * Opens the existing regular file `path` under `root` for writing (sysfs
 * attributes): resolved inside the root, final component not followed,
 * without blocking, and refused unless it is a regular file.
 */
export async function openInside(root: string, path: string, flags: number): Promise<FileHandle> {
  const real = await resolveInside(root, path);
  await refuseUnless(path, real, (info) => info.isFile());
  let handle: FileHandle;
  try {
    handle = await open(real, flags | constants.O_NOFOLLOW | NON_BLOCKING);
  } catch (error) {
    if (errnoOf(error) === "ELOOP") throw new FileError(path, "is a symbolic link, not followed");
    throw fileError(path, error);
  }
  const info = await handle.stat().catch(async (error: unknown) => {
    await handle.close();
    throw fileError(path, error);
  });
  if (info.isFile()) return handle;
  await handle.close();
  throw new FileError(path, notRegular(info));
}

/** Where a write may go: `root` is the tree it must stay in (default: the file's own directory, as given). */
export interface WriteOptions {
  root?: string;
  /** Create missing parent directories (default true). */
  parents?: boolean;
}

/** Writes `content` to `path` atomically with permission bits `mode` (see the file comment). */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  mode: number,
  options: WriteOptions = {},
): Promise<void> {
  const real = await resolveInside(options.root ?? dirname(path), path, { create: options.parents !== false });
  await refuseUnless(path, real, (info) => info.isFile());
  await removeStaleTemps(real);
  const temp = tempName(real);
  try {
    const handle = await open(temp, "wx", mode);
    try {
      await handle.writeFile(content);
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, real);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw fileError(path, error);
  }
  await syncDirectory(dirname(real));
}

/** Makes `path` a symbolic link to `target` atomically, replacing only a symbolic link or nothing. */
export async function writeLinkAtomic(path: string, target: string, options: WriteOptions = {}): Promise<void> {
  const real = await resolveInside(options.root ?? dirname(path), path, { create: options.parents !== false });
  await refuseUnless(path, real, (info) => info.isSymbolicLink());
  const temp = tempName(real);
  try {
    await symlink(target, temp);
    await rename(temp, real);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw fileError(path, error);
  }
}

/** Removes `path` (a file or a link, never followed) under `options.root`; true if it existed. */
export async function removeFile(path: string, options: WriteOptions = {}): Promise<boolean> {
  const real = await resolveInside(options.root ?? dirname(path), path);
  await refuseUnless(path, real, (info) => !info.isDirectory());
  try {
    await unlink(real);
    return true;
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return false;
    throw fileError(path, error);
  }
}

/** Throws a FileError naming `path` unless `real` is absent or `acceptable`. */
async function refuseUnless(path: string, real: string, acceptable: (info: Stats) => boolean): Promise<void> {
  let info: Stats;
  try {
    info = await lstat(real);
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return;
    throw fileError(path, error);
  }
  if (!acceptable(info)) throw new FileError(path, notRegular(info));
}

const TEMP = /^\.(.+)\.([0-9]+)\.[0-9a-f]{8}\.tmp$/;

/** A fresh temporary name beside `path`: `.NAME.PID.RANDOM.tmp`. */
function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/** Removes the temporary files of `path` whose writing process no longer exists (killed mid-write). */
async function removeStaleTemps(path: string): Promise<void> {
  const names = await readdir(dirname(path)).catch(() => []);
  for (const name of names) {
    const m = TEMP.exec(name);
    if (m === null || m[1] !== basename(path) || isRunning(Number(m[2]))) continue;
    await unlink(join(dirname(path), name)).catch(() => undefined);
  }
}

/** Whether process `pid` exists (EPERM: it does, as another user's). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoOf(error) === "EPERM";
  }
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
