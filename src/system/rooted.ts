/**
 * System paths under a configurable root directory. Every file the system
 * integration reads or writes is named by its path on the target system
 * (`/etc/driverctl.d/...`) and found under the root (default `/`), so tests
 * and image builds can work on a directory tree instead of the live system.
 * Generated files always refer to the target system's paths, never the root.
 */
import { join } from "node:path";

/** The default root: the live system. */
export const DEFAULT_ROOT = "/";

/** Where `systemPath` (absolute on the target system) lives under `root`. */
export function rooted(root: string, systemPath: string): string {
  return join(root, systemPath);
}
