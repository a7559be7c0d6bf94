/**
 * Where the running (or a named) kernel keeps its module files, found as
 * modprobe finds them: `BASEDIR/lib/modules/VERSION`, then
 * `BASEDIR/usr/lib/modules/VERSION`; VERSION defaults to `uname -r`.
 * The compiled index lives beside modules.alias as `modules.alias.index`;
 * the built-in drivers' aliases come from `modules.builtin.modinfo` there,
 * when the kernel has one.
 */
import { access } from "node:fs/promises";
import { release } from "node:os";
import { join } from "node:path";
import { FileError } from "./errors.js";

export const ALIAS_FILE = "modules.alias";
export const BUILTIN_FILE = "modules.builtin.modinfo";
export const INDEX_SUFFIX = ".index";

export interface KernelFiles {
  version: string;
  aliasFile: string;
  /** The kernel's modules.builtin.modinfo, or null when it has none. */
  builtinFile: string | null;
  indexFile: string;
}

/** The index file that belongs to an alias file. */
export function indexPathFor(aliasFile: string): string {
  return aliasFile + INDEX_SUFFIX;
}

/** The kernel's modules.alias and index paths; FileError when no alias file exists. */
export async function findKernelFiles(options: { basedir?: string; version?: string }): Promise<KernelFiles> {
  const version = options.version ?? release();
  const base = options.basedir ?? "/";
  const dirs = [join(base, "lib/modules", version), join(base, "usr/lib/modules", version)];
  for (const dir of dirs) {
    const aliasFile = join(dir, ALIAS_FILE);
    if (await exists(aliasFile)) {
      const builtinFile = join(dir, BUILTIN_FILE);
      return { version, aliasFile, builtinFile: (await exists(builtinFile)) ? builtinFile : null, indexFile: indexPathFor(aliasFile) };
    }
  }
  throw new FileError(dirs.map((d) => join(d, ALIAS_FILE)).join(" or "), `no ${ALIAS_FILE} for kernel ${version}`);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
