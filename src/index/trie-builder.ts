/**
 * Building a field trie (field-trie.ts) when compiling: entries are collected as columns (entry
 * id, one value per field, a mask of the fields that are `*`), not as nodes, so a large alias
 * file costs a few bytes per field of each entry.
 *
 * Flattening sorts the entries by path, each field in turn: literal values in ascending order,
 * then `*`. In that order the nodes of a level are the distinct path prefixes of that length,
 * in the order the flat trie numbers them (level by level, a node's children consecutive,
 * literals before `*`), so each level is one pass over the sorted entries: a new node starts
 * where an entry's path first differs from the previous entry's above that level. Entries with
 * one path are one leaf, and the sort puts them best first (kmod/order.ts).
 */
import { compareRank, type EntryTable, GrowingColumn, narrow, sameScore, tiesWithEntry } from "./columns.js";
import type { PackedTrie } from "./field-trie.js";
import { ANY_VALUE } from "./schema.js";

/** Collects entries by field path; {@link TrieBuilder.finish} flattens them. */
export class TrieBuilder {
  private readonly ids = new GrowingColumn();
  /** `depth` values per entry, 0 where the field is `*`. */
  private readonly values = new GrowingColumn();
  /** Per entry: bit i set when field i is `*`. */
  private readonly stars = new GrowingColumn();

  constructor(private readonly depth: number) {}

  /** File entry `id` under its field values (each a value or ANY_VALUE). */
  add(fields: readonly number[], id: number): void {
    let mask = 0;
    for (let level = 0; level < this.depth; level++) {
      const value = fields[level] as number;
      if (value === ANY_VALUE) mask |= 1 << level;
      this.values.push(value === ANY_VALUE ? 0 : value);
    }
    this.ids.push(id);
    this.stars.push(mask);
  }

  finish(entries: EntryTable): PackedTrie {
    const { depth } = this;
    const ids = this.ids.done();
    const values = this.values.done();
    const stars = this.stars.done();
    const count = ids.length;
    /** -1, 0 or 1 as entry a's field `level` sorts before, with or after entry b's. */
    const compareField = (a: number, b: number, level: number): number => {
      const starA = ((stars[a] as number) >>> level) & 1;
      const starB = ((stars[b] as number) >>> level) & 1;
      if (starA !== starB) return starA - starB;
      const va = values[a * depth + level] as number;
      const vb = values[b * depth + level] as number;
      return starA === 1 || va === vb ? 0 : va < vb ? -1 : 1;
    };
    const order = new Uint32Array(count);
    for (let i = 0; i < count; i++) order[i] = i;
    order.sort((a, b) => {
      for (let level = 0; level < depth; level++) {
        const c = compareField(a, b, level);
        if (c !== 0) return c;
      }
      return compareRank(entries, ids[a] as number, ids[b] as number);
    });
    // split[i]: the first level where entry order[i]'s path differs from the previous one's
    // (depth when it is the same path); entry 0 differs from nothing at level 0.
    const split = new Uint8Array(count);
    for (let i = 1; i < count; i++) {
      let level = 0;
      while (level < depth && compareField(order[i - 1] as number, order[i] as number, level) === 0) level++;
      split[i] = level;
    }
    // Level by level: a node of this level starts at entry i when split[i] < level (the root
    // at 0 only), one of its children when split[i] <= level.
    const shape = new GrowingColumn();
    const edges = new GrowingColumn();
    for (let level = 0; level < depth; level++) {
      let literals = 0;
      let star = 0;
      for (let i = 0; i < count; i++) {
        const at = split[i] as number;
        if (i > 0 && at < level) {
          shape.push(literals * 2 + star);
          literals = 0;
          star = 0;
        }
        if (i > 0 && at > level) continue;
        const entry = order[i] as number;
        if ((((stars[entry] as number) >>> level) & 1) === 1) star = 1;
        else {
          literals++;
          edges.push(values[entry * depth + level] as number);
        }
      }
      shape.push(literals * 2 + star);
    }
    const leafIds = new Uint32Array(count);
    const sizes = new GrowingColumn();
    const ties = new GrowingColumn();
    let first = 0;
    for (let i = 0; i <= count; i++) {
      if (i < count) leafIds[i] = ids[order[i] as number] as number;
      if (i === 0 || (i < count && (split[i] as number) === depth)) continue;
      const tie = findTie(entries, leafIds, first, i);
      if (tie >= 0) {
        ties.push(sizes.length);
        ties.push(tie);
      }
      sizes.push(i - first);
      first = i;
    }
    return {
      shape: narrow(shape.done()),
      values: narrow(edges.done()),
      leafSize: narrow(sizes.done()),
      ids: narrow(leafIds),
      ties: ties.done(),
    };
  }
}

/** The first entry of ids[from .. to) (one leaf, best first) that ties with its best, or -1. */
function findTie(entries: EntryTable, ids: Uint32Array, from: number, to: number): number {
  const best = ids[from] as number;
  for (let i = from + 1; i < to; i++) {
    const id = ids[i] as number;
    if (!sameScore(entries, best, id)) break;
    if (tiesWithEntry(entries, best, id)) return id;
  }
  return -1;
}
