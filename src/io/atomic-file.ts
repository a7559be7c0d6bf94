/**
 * Writing and removing files safely: a write goes to a temporary file in the
 * same directory, is flushed, gets its mode whatever the umask and is renamed
 * over the target (then the directory entry is flushed too), so a reader (a
 * lookup, udev at boot, a package manager) never sees half a file and a
 * crash or a concurrent writer never leaves one. Symbolic links are replaced
 * the same way. Missing parent directories are created (0755) on request.
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, rename, symlink, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { errnoOf } from "./errors.js";

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
