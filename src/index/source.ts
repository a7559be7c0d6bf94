/** Where an index part or list came from: its file's size, mtime and digest (freshness checks, files/index-file.ts). */
export interface SourceInfo {
  /** Size of the file in bytes. */
  size: number;
  /** Modification time in ms since the epoch, or null when not recorded. */
  mtimeMs: number | null;
  /** SHA-256 of the file, hex. */
  sha256: string;
}
