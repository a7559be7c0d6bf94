/**
 * The general structure: every pattern that is not field-aligned (acpi, of,
 * dmi, cpu, platform, free-form MODULE_ALIAS strings, bracket ranges, ...).
 *
 * Patterns are filed so that a lookup tests only plausible candidates with
 * the real matcher, and never misses one:
 *   - exact: patterns with no wildcard (a lookup table from the one key each
 *     matches is built on load);
 *   - pieces: every other pattern with a literal run of 4+ characters, filed
 *     under one 4-character piece of such a run: the piece that the
 *     fewest patterns share. A matching key contains every literal run, so
 *     it contains that piece: a lookup reads the key's pieces and tests the
 *     patterns filed under them;
 *   - always: patterns with no such run, tested on every lookup.
 * A piece is its 4 char codes packed into one 32-bit number (key chars are
 * bytes, so packing never collides). Lists are stored as one id array cut by
 * a start array (list i is ids[start[i] .. start[i+1])). The piece lookup
 * table is rebuilt from `pieceKeys` on load.
 *
 * An open-addressing hash set over an array of distinct 32-bit keys: each
 * slot holds 1 + the position of a key in that array (0: empty), so the
 * table is one typed array, rebuilt from the keys on load. Linear probing;
 * the capacity is a power of two at least twice the number of keys, so a
 * probe ends at an empty slot.
 */
import type { PatternFacts } from "../kmod/fnmatch.js";
import { underscoreDashes } from "../kmod/normalize.js";
import { narrow, type UintArray } from "./columns.js";

export const PIECE = 4;

/** Lists of local ids: list i is ids[start[i] .. start[i + 1]). */
export interface IdLists {
  start: UintArray;
  ids: UintArray;
}

export interface GeneralIndex {
  /** Entry id of each general pattern (its position is its local id). */
  ids: UintArray;
  /** The pattern as written, by local id. */
  patterns: string[];
  /** Local ids of the patterns without wildcards, in order. */
  exact: UintArray;
  /** The piece of each list in pieceLists. */
  pieceKeys: Uint32Array;
  pieceLists: IdLists;
  /** Hash slots over pieceKeys (the hash set below), built from them. */
  pieces: Uint32Array;
  /** Local ids tested on every lookup. */
  always: UintArray;
  /** Per field trie prefix, the general patterns a key with that prefix may match. */
  direct: DirectList[];
}

/**
 * For keys with a field trie's prefix, the general patterns they may match,
 * worked out when compiling so that such a lookup reads no pattern it cannot
 * match: those whose literal start is compatible with the prefix (one is a
 * prefix of the other). `exact`: whether any wildcard-free pattern is among
 * them (else the exact-key table need not be consulted); `others`: the local
 * ids of the rest, or null when there are more than {@link DIRECT_LIMIT}
 * (the piece lookup is then cheaper).
 */
export interface DirectList {
  prefix: string;
  exact: boolean;
  others: UintArray | null;
}

/** More candidates than this and the piece lookup is used instead. */
const DIRECT_LIMIT = 64;

export interface GeneralPattern {
  id: number;
  pattern: string;
  facts: PatternFacts;
}

/** File the general patterns (given in entry id order), with direct lists for the field tries' `prefixes`. */
export function buildGeneral(items: readonly GeneralPattern[], prefixes: readonly string[]): GeneralIndex {
  const exact: number[] = [];
  const pieceSets: (number[] | null)[] = [];
  const counts = new Map<number, number>();
  items.forEach((item, local) => {
    const facts = item.facts;
    if (facts.exact !== null) {
      exact.push(local);
      pieceSets.push(null);
      return;
    }
    const pieces = new Set<number>();
    for (const run of facts.literalRuns) {
      for (let i = 0; i + PIECE <= run.length; i++) pieces.add(packPiece(run, i));
    }
    for (const piece of pieces) counts.set(piece, (counts.get(piece) ?? 0) + 1);
    pieceSets.push([...pieces]);
  });
  const pieces = new Map<number, number[]>();
  const always: number[] = [];
  pieceSets.forEach((set, local) => {
    if (set === null) return;
    if (set.length === 0) {
      always.push(local);
      return;
    }
    let chosen = set[0] as number;
    for (const piece of set) if ((counts.get(piece) as number) < (counts.get(chosen) as number)) chosen = piece;
    push(pieces, chosen, local);
  });
  const pieceKeys = Uint32Array.from(pieces.keys());
  return {
    ids: narrow(items.map((item) => item.id)),
    patterns: items.map((item) => item.pattern),
    exact: narrow(exact),
    pieceKeys,
    pieceLists: toLists(pieces),
    pieces: buildKeyTable(pieceKeys),
    always: narrow(always),
    direct: directLists(items, prefixes),
  };
}

function directLists(items: readonly GeneralPattern[], prefixes: readonly string[]): DirectList[] {
  const starts = prefixes.length > 0 ? items.map((item) => literalStart(item.pattern)) : [];
  return prefixes.map((prefix) => {
    let exact = false;
    const others: number[] = [];
    starts.forEach((start, local) => {
      if (!compatible(start, prefix)) return;
      if ((items[local] as GeneralPattern).facts.exact !== null) exact = true;
      else if (others.length <= DIRECT_LIMIT) others.push(local);
    });
    return { prefix, exact, others: others.length <= DIRECT_LIMIT ? narrow(others) : null };
  });
}

/**
 * The characters a pattern matches literally before its first special
 * character, normalized as kmod does (no brackets come before it, so only
 * `-` changes).
 */
function literalStart(pattern: string): string {
  const stop = pattern.search(/[*?[\\]/);
  return underscoreDashes(stop < 0 ? pattern : pattern.slice(0, stop));
}

/** Whether a key starting with `prefix` can start with `start` (one is a prefix of the other). */
function compatible(start: string, prefix: string): boolean {
  return start.length <= prefix.length ? prefix.startsWith(start) : start.startsWith(prefix);
}

/** The piece of `text` starting at `at` (4 chars, each < 256). */
export function packPiece(text: string, at: number): number {
  return (
    ((text.charCodeAt(at) << 24) |
      (text.charCodeAt(at + 1) << 16) |
      (text.charCodeAt(at + 2) << 8) |
      text.charCodeAt(at + 3)) >>>
    0
  );
}

/**
 * Visit the local ids of the patterns a key may match by piece or always;
 * an id may be visited more than once.
 */
export function eachCandidate(general: GeneralIndex, key: string, visit: (local: number) => void): void {
  const last = key.length - PIECE;
  if (last >= 0 && general.pieceLists.ids.length > 0) {
    let piece = packPiece(key, 0);
    for (let i = 0; ; i++) {
      const list = findKey(general.pieces, general.pieceKeys, piece);
      if (list >= 0) eachInList(general.pieceLists, list, visit);
      if (i === last) break;
      piece = ((piece << 8) | key.charCodeAt(i + PIECE)) >>> 0;
    }
  }
  for (const local of general.always) visit(local);
}

/** Visit the ids of list i. */
function eachInList(lists: IdLists, i: number, visit: (local: number) => void): void {
  const end = lists.start[i + 1] as number;
  for (let at = lists.start[i] as number; at < end; at++) visit(lists.ids[at] as number);
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function toLists<K>(map: Map<K, number[]>): IdLists {
  const start = [0];
  const ids: number[] = [];
  for (const list of map.values()) {
    for (const id of list) ids.push(id);
    start.push(ids.length);
  }
  return { start: narrow(start), ids: narrow(ids) };
}

function slotOf(key: number, mask: number): number {
  let h = Math.imul(key, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae3d);
  h ^= h >>> 13;
  return h & mask;
}

/** The slots for `keys` (which must be distinct). */
export function buildKeyTable(keys: Uint32Array): Uint32Array {
  let capacity = 2;
  while (capacity < keys.length * 2) capacity *= 2;
  const slots = new Uint32Array(capacity);
  const mask = capacity - 1;
  keys.forEach((key, i) => {
    let slot = slotOf(key, mask);
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = i + 1;
  });
  return slots;
}

/** The position of `key` in `keys`, or -1. */
export function findKey(slots: Uint32Array, keys: Uint32Array, key: number): number {
  const mask = slots.length - 1;
  for (let slot = slotOf(key, mask); ; slot = (slot + 1) & mask) {
    const at = slots[slot] as number;
    if (at === 0) return -1;
    if (keys[at - 1] === key) return at - 1;
  }
}
