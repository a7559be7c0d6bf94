/**
 * Errors at the I/O edge, each naming the file it concerns, with the
 * system's error turned into words.
 */

export class FileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = "FileError";
  }
}

const REASONS: Record<string, string> = {
  ENOENT: "no such file",
  EISDIR: "is a directory",
  ENOTDIR: "a parent is not a directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EIO: "input/output error",
  ENODEV: "no such device",
  ELOOP: "too many levels of symbolic links",
};

/** The `code` of a Node.js system error (`ENOENT`, `EACCES`, ...), or undefined for anything else. */
export function errnoOf(err: unknown): string | undefined {
  if (err instanceof Error && "code" in err && typeof err.code === "string") return err.code;
  return undefined;
}

/** A FileError for a failed system call on `path`. */
export function fileError(path: string, error: unknown): FileError {
  const code = errnoOf(error);
  const reason = (code && REASONS[code]) ?? (error instanceof Error ? error.message : String(error));
  return new FileError(path, reason);
}
