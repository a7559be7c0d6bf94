/**
 * Writing sysfs attributes.
 *
 * The binder writes through the SysfsWriter interface so that a caller (or a
 * test standing in for the kernel) can observe or replace the writes. The
 * default writer does what `echo value > file` does, minus creating the file:
 * one write(2) of the whole value on a file opened O_WRONLY|O_TRUNC, so a
 * missing attribute fails with ENOENT instead of being created.
 */
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import type { SysfsPath } from "./paths.js";

/** Performs one sysfs write. Throws the system error unchanged on failure. */
export interface SysfsWriter {
  write(path: SysfsPath, value: string): Promise<void>;
}

/** The real writer for a sysfs tree rooted at `root`. */
export function fsWriter(root: string): SysfsWriter {
  return {
    async write(path, value) {
      const handle = await open(join(root, path), constants.O_WRONLY | constants.O_TRUNC);
      try {
        const data = Buffer.from(value, "utf8");
        const { bytesWritten } = await handle.write(data, 0, data.length, null);
        if (bytesWritten !== data.length) {
          throw new Error(`short write: ${bytesWritten} of ${data.length} bytes`);
        }
      } finally {
        await handle.close();
      }
    },
  };
}
