/**
 * The binder's words for a failed sysfs or proc operation: the reason and the
 * errno code (`permission denied (EACCES)`), as its reports show them.
 */
import { errnoOf } from "../io/errors.js";

/** A short reason for a failed file operation, e.g. `permission denied (EACCES)`. */
export function describeErrno(err: unknown): string {
  const code = errnoOf(err);
  switch (code) {
    case "EACCES":
    case "EPERM":
      return `permission denied (${code})`;
    case "ENOENT":
      return "no such file (ENOENT)";
    case "ENODEV":
      return "device is gone (ENODEV)";
    case undefined:
      return err instanceof Error ? err.message : String(err);
    default: {
      const message = err instanceof Error ? err.message : String(err);
      const detail = /^[A-Z0-9]+: ([^,]+),/.exec(message)?.[1];
      return detail === undefined ? code : `${detail} (${code})`;
    }
  }
}
