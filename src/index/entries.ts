/**
 * The entry table: one row per valid alias line, in file order (the row
 * number is the entry id), stored as columns.
 *
 * Specificity, the order in which matches compete:
 *   1. fewer `*` wins (the rule the kernel's vfio_pci alias commit asks for);
 *   2. then more literal characters;
 *   3. then the earlier line.
 * Two entries of different modules equal on 1 and 2 make an answer ambiguous.
 */

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

/** Negative when entry a is more specific than entry b. */
export function compareRank(entries: EntryTable, a: number, b: number): number {
  return (
    (entries.stars[a] as number) - (entries.stars[b] as number) ||
    (entries.literals[b] as number) - (entries.literals[a] as number) ||
    (entries.line[a] as number) - (entries.line[b] as number)
  );
}

/** True when entries a and b have the same stars and literals. */
export function sameScore(entries: EntryTable, a: number, b: number): boolean {
  return entries.stars[a] === entries.stars[b] && entries.literals[a] === entries.literals[b];
}
