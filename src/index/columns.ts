/**
 * The entry table and the columns an index is made of.
 *
 * An index holds one entry per valid alias line, in file order (the row number is the entry
 * id), stored as columns: each column as narrow a typed array as its values allow. Entries
 * rank as kmod/order.ts says (fewer `*`, more literal characters, earlier line).
 *
 * Columns read back from a file are checked as they are unpacked: {@link need} throws
 * {@link Malformed}, which format.ts turns into a refusal of the whole file, so a body that
 * decodes but is not what this version writes never answers wrongly or fails mid-lookup.
 */
import { compareSpecificity } from "../kmod/order.js";

/** A column of small unsigned numbers, as narrow as its values allow. */
export type UintArray = Uint8Array | Uint16Array | Uint32Array;

/** The narrowest unsigned column that holds `values`. */
export function narrow(values: ArrayLike<number>): UintArray {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i] as number);
  if (max < 0x100) return Uint8Array.from(values);
  if (max < 0x10000) return Uint16Array.from(values);
  return Uint32Array.from(values);
}

/**
 * A Uint32 column filled one value at a time (compiling): it grows by doubling, and
 * {@link GrowingColumn.done} hands over the values as an array of their exact length.
 */
export class GrowingColumn {
  private data = new Uint32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(Math.max(1024, this.data.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** The values, after which the column is empty again (its space is let go). */
  done(): Uint32Array {
    const values = this.data.slice(0, this.length);
    this.data = new Uint32Array(0);
    this.length = 0;
    return values;
  }
}

export interface EntryTable {
  /** 1-based source line of each entry. */
  line: Uint32Array;
  /** Module id of each entry; ids follow the modules' first appearance. */
  module: Uint32Array;
  /** Number of `*` in the pattern. */
  stars: UintArray;
  /** Number of characters the pattern matches literally. */
  literals: UintArray;
}

/** Negative when entry a is more specific than entry b (kmod/order.ts); 0 when they are equally specific. */
function compareEntrySpecificity(entries: EntryTable, a: number, b: number): number {
  return compareSpecificity(
    entries.stars[a] as number,
    entries.literals[a] as number,
    entries.stars[b] as number,
    entries.literals[b] as number,
  );
}

/** Negative when entry a ranks before entry b: more specific, then the earlier line. */
export function compareRank(entries: EntryTable, a: number, b: number): number {
  return compareEntrySpecificity(entries, a, b) || (entries.line[a] as number) - (entries.line[b] as number);
}

/** True when entries a and b are equally specific. */
export function sameScore(entries: EntryTable, a: number, b: number): boolean {
  return compareEntrySpecificity(entries, a, b) === 0;
}

/** True when entry `id` ties with entry `best`: equally specific, of another module (an ambiguous answer). */
export function tiesWithEntry(entries: EntryTable, best: number, id: number): boolean {
  return sameScore(entries, best, id) && entries.module[id] !== entries.module[best];
}

/** Stored index data is not what this version writes. */
export class Malformed extends Error {}

/** An index file that is not one, has another version, is truncated or corrupted (format.ts). */
export class IndexFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IndexFormatError";
  }
}

/** Throw {@link Malformed} naming `what` unless `condition` holds. */
export function need(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Malformed(`${what} is malformed`);
}
