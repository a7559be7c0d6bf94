/**
 * Reading the errno code (`ENOENT`, `EACCES`, ...) out of a thrown value.
 */

/** The `code` of a Node.js system error, or undefined for anything else. */
export function errnoOf(err: unknown): string | undefined {
  if (err instanceof Error && "code" in err && typeof err.code === "string") return err.code;
  return undefined;
}

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
