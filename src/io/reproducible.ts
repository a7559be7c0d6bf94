/**
 * Whether to record the alias file's mtime in an index.
 *
 * The mtime only lets a later run trust an index without hashing the alias
 * file; it is the one recorded value that is not a function of the file's
 * contents. It is left out when the caller asks (`--no-mtime`) or when the
 * environment sets SOURCE_DATE_EPOCH (the reproducible-builds convention):
 * then the same bytes always give the same index, and freshness is decided
 * by size and SHA-256 alone.
 */

/** Whether to record the mtime; throws for a SOURCE_DATE_EPOCH that is not a whole number of seconds. */
export function recordsMtime(requested: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === "") return requested;
  if (!/^[0-9]+$/.test(epoch)) {
    throw new Error(`SOURCE_DATE_EPOCH=${JSON.stringify(epoch)} is not a number of seconds since the epoch`);
  }
  return false;
}
