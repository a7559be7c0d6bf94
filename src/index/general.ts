/**
 * The general structure: every pattern that is not field-aligned (acpi, of,
 * dmi, cpu, platform, free-form MODULE_ALIAS strings, bracket ranges, ...).
 *
 * A pattern written on several lines (for several modules, or twice) is
 * tested once: the lists below name each distinct pattern by its first local
 * id (its "first"), and `twins` chains the later ones to it, so a lookup that
 * finds a first matching takes its twins along without testing them.
 *
 * Patterns are filed so that a lookup tests only plausible candidates with
 * the real matcher, and never misses one:
 *   - exact: patterns with no wildcard (a lookup table from the one key each
 *     matches, {@link ExactKeys}, is built on load);
 *   - pieces: every other pattern with a literal run of 3+ characters, filed
 *     under one 3- or 4-character piece of such a run: the piece that the
 *     fewest distinct patterns share (a 4-character one on a tie: fewer keys
 *     hold it). A matching key contains every literal run, so it contains
 *     that piece: a lookup reads the key's pieces of both lengths and tests
 *     the patterns filed under them. Weighing the short pieces too keeps the
 *     lists short as a file grows: patterns of one shape that share their
 *     long literals and differ in short ones (`dmi*:svn*DellInc.*:pn*XPS*:`
 *     and its siblings) are told apart by those;
 *   - always: patterns with no such run, tested on every lookup.
 * A filed pattern also carries two checks that a matching key passes, read
 * with the list, so that a lookup rejects most of a big file's chance
 * candidates (a usb key holds pieces of `hid:...v*...8D2p1...`, of a
 * sibling with other digits) without reading the pattern:
 *   - its anchor: the first 4 chars of its literal start (what a matching
 *     key starts with), as a piece whose missing chars are 0;
 *   - its second piece (0: none), which a matching key holds too: the one
 *     the fewest of its list-mates hold, then the fewest patterns, so that
 *     it tells the pattern apart from the siblings it shares the list with
 *     (`...srf08` from `...srf10`, both under `Cdev`).
 * A piece is its char codes packed into one 32-bit number, first char
 * highest: 4 chars fill it, 3 chars take the low 24 bits (key and pattern
 * chars are non-NUL bytes, so a 4-character piece never equals a
 * 3-character one, and no piece is 0). Lists are stored as one id array cut
 * by a start array (list i is ids[start[i] .. start[i+1])), their checks as
 * columns beside the ids.
 *
 * Built on load from the stored lists, in groups by anchor: a key can match
 * only the patterns whose anchor is one of its first 0 to 4 chars, so it
 * reads at most five groups (most keys one, of their own kind), each a table
 * of its own pieces only, which stays small and in cache however big the
 * file is (a usb key never reads the pieces of a million of/dmi/acpi
 * patterns). Each group:
 *   - heads: a filter over its pieces' first 3 chars, a bit pair per hash
 *     of 3 chars (some 3-character piece is those chars; some 4-character
 *     piece starts with them), at least 8 pairs per piece;
 *   - slots: an open-addressing hash table, (piece, offset in `filed`) per
 *     slot, piece 0 for an empty slot; linear probing, the capacity a power
 *     of two at least twice the number of pieces, so a probe ends at an
 *     empty slot (a piece of a key costs about one cache line when absent,
 *     and two when present);
 *   - filed: per list, its length, then (first, second piece) per pattern.
 * The groups are found by anchor in `groupSlots`, an open-addressing table of
 * (anchor, 1 + group) pairs like `slots` (the empty anchor's group, patterns
 * whose literal start is empty, is `loose`), and `lengths` has bit n set when
 * some group's anchor has n chars, so that a key probes only those lengths.
 * Also built on load: `next`, per local id, the next local id written the
 * same, or 0.
 */
import type { PatternFacts } from "../kmod/fnmatch.js";
import { underscoreDashes } from "../kmod/normalize.js";
import { narrow, type UintArray } from "./columns.js";

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
  /** (local id, next local id written the same) pairs, by the second; firsts start the chains. */
  twins: UintArray;
  /** The firsts of the patterns without wildcards, in order. */
  exact: UintArray;
  /** The piece of each list in pieceLists. */
  pieceKeys: Uint32Array;
  /** The firsts filed under each piece. */
  pieceLists: IdLists;
  /** Per entry of pieceLists.ids, its pattern's anchor. */
  anchors: Uint32Array;
  /** Per entry of pieceLists.ids, its pattern's second piece, or 0. */
  seconds: Uint32Array;
  /** Firsts tested on every lookup. */
  always: UintArray;
  /** Per local id, the next local id written the same, or 0 (built from `twins`). */
  next: Uint32Array;
  /** The lookup tables of the piece lists (built from them). */
  table: PieceTable;
}

/** See the top of this file. */
export interface PieceTable {
  groupSlots: Uint32Array;
  groups: PieceGroup[];
  /** The chain of a key that starts with no group's anchor: the loose group, if any. */
  looseChain: PieceGroup[];
  lengths: number;
}

/** The pieces of the patterns of one anchor (see the top of this file). */
interface PieceGroup {
  heads: Uint32Array;
  /** headShift(heads). */
  shift: number;
  slots: Uint32Array;
  filed: Uint32Array;
  /** This group and the groups of the shorter anchors it starts with, the loose one included. */
  chain: PieceGroup[];
}

/**
 * For keys with a field trie's prefix, the general patterns they may match,
 * worked out when compiling so that such a lookup reads no pattern it cannot
 * match: those whose literal start is compatible with the prefix (one is a
 * prefix of the other). `exact`: whether any wildcard-free pattern is among
 * them (else the exact-key table need not be consulted); `others`: the firsts
 * of the rest, or null when there are more than {@link DIRECT_LIMIT}
 * (the piece lookup is then cheaper).
 */
export interface DirectList {
  exact: boolean;
  others: UintArray | null;
}

/** More candidates than this and the piece lookup is used instead. */
const DIRECT_LIMIT = 64;

/** The piece lengths: a pattern with no literal run of SHORT chars is always tested. */
const SHORT = 3;
const LONG = 4;

export interface GeneralPattern {
  id: number;
  pattern: string;
  facts: PatternFacts;
}

/**
 * File the general patterns (given in entry id order); with the direct list of each of the
 * field tries' `prefixes` (stored with its trie, so that a key with that prefix need not read
 * the general structure at all when its list is empty).
 */
export function buildGeneral(
  items: readonly GeneralPattern[],
  prefixes: readonly string[],
): { general: GeneralIndex; direct: DirectList[] } {
  const last = new Map<string, number>();
  const twins: number[] = [];
  const firsts: number[] = [];
  items.forEach((item, local) => {
    const before = last.get(item.pattern);
    last.set(item.pattern, local);
    if (before === undefined) firsts.push(local);
    else twins.push(before, local);
  });
  const exact: number[] = [];
  const counts = new Map<number, number>();
  for (const first of firsts) {
    const facts = (items[first] as GeneralPattern).facts;
    if (facts.exact === null) for (const piece of piecesOf(facts)) counts.set(piece, (counts.get(piece) ?? 0) + 1);
  }
  const lists = new Map<number, number[]>();
  const always: number[] = [];
  const shared = (piece: number): number => counts.get(piece) as number;
  for (const first of firsts) {
    const { facts } = items[first] as GeneralPattern;
    if (facts.exact !== null) {
      exact.push(first);
      continue;
    }
    const piece = cheapest(piecesOf(facts), shared, -1);
    if (piece < 0) always.push(first);
    else push(lists, piece, first);
  }
  const pieceKeys = Uint32Array.from(lists.keys());
  const pieceLists = toLists(lists);
  const anchors = Uint32Array.from(pieceLists.ids, (first) => anchor((items[first] as GeneralPattern).pattern));
  const seconds = new Uint32Array(pieceLists.ids.length);
  let at = 0;
  for (const [piece, members] of lists) {
    const sets = members.map((first) => piecesOf((items[first] as GeneralPattern).facts));
    const mates = new Map<number, number>();
    for (const set of sets) for (const p of set) mates.set(p, (mates.get(p) ?? 0) + 1);
    // Told apart from its list-mates first, then from every pattern.
    const cost = (p: number): number => (mates.get(p) as number) * 2 ** 32 + shared(p);
    for (const set of sets) seconds[at++] = Math.max(cheapest(set, cost, piece), 0);
  }
  const twinPairs = narrow(twins);
  const general: GeneralIndex = {
    ids: narrow(items.map((item) => item.id)),
    patterns: items.map((item) => item.pattern),
    twins: twinPairs,
    exact: narrow(exact),
    pieceKeys,
    pieceLists,
    anchors,
    seconds,
    always: narrow(always),
    next: buildNext(twinPairs, items.length),
    table: buildPieceTable(pieceKeys, pieceLists, anchors, seconds),
  };
  return { general, direct: directLists(items, firsts, prefixes) };
}

/** The distinct 3- and 4-character pieces of a pattern's literal runs, in order. */
function piecesOf(facts: PatternFacts): Set<number> {
  const pieces = new Set<number>();
  for (const run of facts.literalRuns) {
    for (let i = 0; i + SHORT <= run.length; i++) {
      const short = packShort(run, i);
      if (i + LONG <= run.length) pieces.add(((short << 8) | run.charCodeAt(i + SHORT)) >>> 0);
      pieces.add(short);
    }
  }
  return pieces;
}

/**
 * The piece of least `cost` but `except`, a 4-character one first on a tie,
 * then the earlier; -1 for none.
 */
function cheapest(pieces: Iterable<number>, cost: (piece: number) => number, except: number): number {
  let best = -1;
  let least = Infinity;
  for (const piece of pieces) {
    if (piece === except) continue;
    const c = cost(piece);
    if (c < least || (c === least && isShort(best) && !isShort(piece))) {
      best = piece;
      least = c;
    }
  }
  return best;
}

/** Whether a piece (or -1: none yet) is a 3-character one. */
function isShort(piece: number): boolean {
  return piece >= 0 && piece < 0x1000000;
}

/** The 3-character piece of `text` at `at` (chars < 256). */
function packShort(text: string, at: number): number {
  return (text.charCodeAt(at) << 16) | (text.charCodeAt(at + 1) << 8) | text.charCodeAt(at + 2);
}

function directLists(
  items: readonly GeneralPattern[],
  firsts: readonly number[],
  prefixes: readonly string[],
): DirectList[] {
  const starts =
    prefixes.length > 0 ? firsts.map((first) => literalStart((items[first] as GeneralPattern).pattern)) : [];
  return prefixes.map((prefix) => {
    let exact = false;
    const others: number[] = [];
    starts.forEach((start, at) => {
      if (!compatible(start, prefix)) return;
      const first = firsts[at] as number;
      if ((items[first] as GeneralPattern).facts.exact !== null) exact = true;
      else if (others.length <= DIRECT_LIMIT) others.push(first);
    });
    return { exact, others: others.length <= DIRECT_LIMIT ? narrow(others) : null };
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

/** The anchor of a pattern: the first 4 chars of its literal start, as a piece; 0 for an absent char. */
function anchor(pattern: string): number {
  const start = literalStart(pattern);
  let packed = 0;
  for (let i = 0; i < LONG; i++) packed = (packed << 8) | (i < start.length ? start.charCodeAt(i) : 0);
  return packed >>> 0;
}

/** Whether a key starting with `prefix` can start with `start` (one is a prefix of the other). */
function compatible(start: string, prefix: string): boolean {
  return start.length <= prefix.length ? prefix.startsWith(start) : start.startsWith(prefix);
}

/**
 * Visit the firsts of the patterns a key may match by piece or always; a
 * first may be visited more than once.
 */
export function eachCandidate(general: GeneralIndex, key: string, visit: (first: number) => void): void {
  if (key.length >= SHORT && general.pieceKeys.length > 0) {
    const { table } = general;
    eachInChain(chainOf(table, key), key, visit);
  }
  for (const first of general.always) visit(first);
}

/** The groups a key may match the patterns of: the chain of the longest anchor it starts with. */
function chainOf(table: PieceTable, key: string): PieceGroup[] {
  const start = startOf(key);
  for (let n = Math.min(LONG, key.length); n > 0; n--) {
    if ((table.lengths & (1 << n)) === 0) continue;
    const group = groupOf(table, firstChars(start, n));
    if (group !== null) return group.chain;
  }
  return table.looseChain;
}

/** A key's first 4 chars packed as an anchor is (chars highest, 0 past its end). */
function startOf(key: string): number {
  let packed = 0;
  for (let i = 0; i < LONG; i++) packed = (packed << 8) | (i < key.length ? key.charCodeAt(i) : 0);
  return packed >>> 0;
}

/** The first n chars of a packed start or anchor, the rest 0. */
function firstChars(packed: number, n: number): number {
  return (packed & (0xffffffff << ((LONG - n) * 8))) >>> 0;
}

/**
 * Visit the firsts of a chain's groups filed under the key's pieces whose second piece the key
 * holds, reading the key once for all the groups.
 */
function eachInChain(chain: PieceGroup[], key: string, visit: (first: number) => void): void {
  if (chain.length === 0) return;
  if (chain.length === 1) {
    eachInGroup(chain[0] as PieceGroup, key, visit);
    return;
  }
  let head = (key.charCodeAt(0) << 8) | key.charCodeAt(1);
  for (let i = SHORT - 1; i < key.length; i++) {
    head = ((head << 8) | key.charCodeAt(i)) & 0xffffff;
    const hash = Math.imul(head, GOLDEN);
    for (let g = 0; g < chain.length; g++) {
      const group = chain[g] as PieceGroup;
      const { heads } = group;
      const bit = (hash >>> group.shift) << 1;
      const found = ((heads[bit >>> 5] as number) >>> (bit & 31)) & 3;
      if (found === 0) continue;
      if ((found & 1) !== 0) eachFiled(group, head, key, visit);
      if ((found & 2) !== 0 && i + 1 < key.length) {
        eachFiled(group, ((head << 8) | key.charCodeAt(i + 1)) >>> 0, key, visit);
      }
    }
  }
}

/**
 * The wildcard-free patterns by the one key each matches (`keys[i]` is the
 * key of first `firsts[i]`): an open-addressing table of (hash of the key,
 * 1 + i) pairs, 0 for an empty slot, linear probing, the capacity a power of
 * two at least twice the number of keys. A key that is no pattern's costs a
 * cache line or two and reads no string, however many patterns there are (a
 * Map of strings reads the string object of each key it passes). Before it,
 * `starts` holds the first 4 chars of every key (startOf): most keys start like
 * none (an `of:` or `dmi:` key, when every such pattern has a wildcard) and are
 * not hashed at all.
 */
export class ExactKeys {
  private readonly slots: Uint32Array;
  private readonly starts = new Set<number>();

  constructor(
    private readonly keys: readonly string[],
    private readonly firsts: ArrayLike<number>,
  ) {
    let capacity = 2;
    while (capacity < keys.length * 2) capacity *= 2;
    const slots = new Uint32Array(capacity * 2);
    const mask = capacity - 1;
    keys.forEach((key, i) => {
      this.starts.add(startOf(key));
      const hash = hashKey(key);
      let slot = hash & mask;
      while (slots[(slot << 1) + 1] !== 0) slot = (slot + 1) & mask;
      slots[slot << 1] = hash;
      slots[(slot << 1) + 1] = i + 1;
    });
    this.slots = slots;
  }

  /** Visit the firsts whose key is `key`, in order. */
  each(key: string, visit: (first: number) => void): void {
    if (!this.starts.has(startOf(key))) return;
    const { slots } = this;
    const hash = hashKey(key);
    const mask = (slots.length >>> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const i = slots[(slot << 1) + 1] as number;
      if (i === 0) return;
      if (slots[slot << 1] === hash && this.keys[i - 1] === key) visit(this.firsts[i - 1] as number);
    }
  }
}

/** A 32-bit hash of a key (FNV-1a over its chars, then mixed). */
function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return slotOf(h, 0xffffffff) >>> 0;
}

/** Visit `first` and the local ids written the same after it (a twin is never local id 0). */
export function eachTwin(general: GeneralIndex, first: number, visit: (local: number) => void): void {
  const { next } = general;
  let local = first;
  do {
    visit(local);
    local = next[local] as number;
  } while (local !== 0);
}

/** eachInChain for a chain of one group (most keys): the same loop with the group's fields in locals. */
function eachInGroup(group: PieceGroup, key: string, visit: (first: number) => void): void {
  const { heads, shift } = group;
  let head = (key.charCodeAt(0) << 8) | key.charCodeAt(1);
  for (let i = SHORT - 1; i < key.length; i++) {
    head = ((head << 8) | key.charCodeAt(i)) & 0xffffff;
    const bit = headBit(head, shift);
    const found = ((heads[bit >>> 5] as number) >>> (bit & 31)) & 3;
    if (found === 0) continue;
    if ((found & 1) !== 0) eachFiled(group, head, key, visit);
    if ((found & 2) !== 0 && i + 1 < key.length) {
      eachFiled(group, ((head << 8) | key.charCodeAt(i + 1)) >>> 0, key, visit);
    }
  }
}

/** Visit the firsts of a group filed under `piece` whose second piece the key holds. */
function eachFiled(group: PieceGroup, piece: number, key: string, visit: (first: number) => void): void {
  const { slots, filed } = group;
  const mask = (slots.length >>> 1) - 1;
  let slot = slotOf(piece, mask);
  while (slots[slot << 1] !== piece) {
    if (slots[slot << 1] === 0) return;
    slot = (slot + 1) & mask;
  }
  let at = slots[(slot << 1) + 1] as number;
  const end = at + 1 + 2 * (filed[at] as number);
  for (at++; at < end; at += 2) {
    const second = filed[at + 1] as number;
    if (second === 0 || holds(key, second)) visit(filed[at] as number);
  }
}

/** Whether `key` holds a piece. */
function holds(key: string, piece: number): boolean {
  const mask = isShort(piece) ? 0xffffff : 0xffffffff;
  let window = 0;
  for (let i = 0; i < key.length; i++) {
    window = (window << 8) | key.charCodeAt(i);
    if ((window & mask) >>> 0 === piece) return true;
  }
  return false;
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

/** The next-twin column of `count` local ids from the (local, next) pairs. */
export function buildNext(twins: UintArray, count: number): Uint32Array {
  const next = new Uint32Array(count);
  for (let i = 0; i < twins.length; i += 2) next[twins[i] as number] = twins[i + 1] as number;
  return next;
}

const GOLDEN = 0x9e3779b1;

/**
 * The lookup tables of piece lists (see the top of this file). Built with typed arrays only (no
 * array or map per piece), as it runs in every lookup process that meets a general key.
 */
export function buildPieceTable(
  pieceKeys: Uint32Array,
  lists: IdLists,
  anchors: Uint32Array,
  seconds: Uint32Array,
): PieceTable {
  const count = lists.ids.length;
  // Each filed entry's list (its piece) and group (its anchor's number, in order of first use).
  const groupOfAnchor = new Map<number, number>();
  const listOf = new Uint32Array(count);
  const groupOfEntry = new Uint32Array(count);
  for (let list = 0; list < pieceKeys.length; list++) {
    for (let at = lists.start[list] as number; at < (lists.start[list + 1] as number); at++) {
      const anchor = anchors[at] as number;
      let group = groupOfAnchor.get(anchor);
      if (group === undefined) groupOfAnchor.set(anchor, (group = groupOfAnchor.size));
      listOf[at] = list;
      groupOfEntry[at] = group;
    }
  }
  // The entries by group, in their stored order within each (so a piece's entries are adjacent).
  const groupStart = new Uint32Array(groupOfAnchor.size + 1);
  for (let at = 0; at < count; at++) {
    const g = (groupOfEntry[at] as number) + 1;
    groupStart[g] = (groupStart[g] as number) + 1;
  }
  for (let g = 0; g < groupOfAnchor.size; g++)
    groupStart[g + 1] = (groupStart[g + 1] as number) + (groupStart[g] as number);
  const fill = groupStart.slice(0, -1);
  const byGroup = new Uint32Array(count);
  for (let at = 0; at < count; at++) {
    const g = groupOfEntry[at] as number;
    byGroup[fill[g] as number] = at;
    fill[g] = (fill[g] as number) + 1;
  }
  const members = (group: number): Uint32Array =>
    byGroup.subarray(groupStart[group] as number, groupStart[group + 1] as number);

  let capacity = 2;
  while (capacity < groupOfAnchor.size * 2) capacity *= 2;
  const groupSlots = new Uint32Array(capacity * 2);
  const mask = capacity - 1;
  const groups: PieceGroup[] = [];
  const loose = groupOfAnchor.get(0);
  const looseChain = loose === undefined ? [] : [buildGroup(members(loose), listOf, pieceKeys, lists.ids, seconds)];
  let lengths = 0;
  for (const [anchor, group] of groupOfAnchor) {
    if (anchor === 0) continue;
    groups.push(buildGroup(members(group), listOf, pieceKeys, lists.ids, seconds));
    lengths |= 1 << anchorLength(anchor);
    let slot = slotOf(anchor, mask);
    while (groupSlots[(slot << 1) + 1] !== 0) slot = (slot + 1) & mask;
    groupSlots[slot << 1] = anchor;
    groupSlots[(slot << 1) + 1] = groups.length;
  }
  const table = { groupSlots, groups, looseChain, lengths };
  // A group's chain: itself, then the groups of its anchor's shorter starts, then the loose one.
  for (const anchor of groupOfAnchor.keys()) {
    if (anchor === 0) continue;
    const group = groupOf(table, anchor) as PieceGroup;
    for (let n = anchorLength(anchor) - 1; n > 0; n--) {
      const shorter = groupOf(table, firstChars(anchor, n));
      if (shorter !== null) group.chain.push(shorter);
    }
    group.chain.push(...looseChain);
  }
  return table;
}

/** The group of an anchor, or null. */
function groupOf(table: PieceTable, anchor: number): PieceGroup | null {
  const { groupSlots } = table;
  const mask = (groupSlots.length >>> 1) - 1;
  for (let slot = slotOf(anchor, mask); ; slot = (slot + 1) & mask) {
    const at = groupSlots[(slot << 1) + 1] as number;
    if (at === 0) return null;
    if (groupSlots[slot << 1] === anchor) return table.groups[at - 1] as PieceGroup;
  }
}

/** The number of chars of a non-empty anchor (chars are never NUL). */
function anchorLength(anchor: number): number {
  return (anchor & 0xff) !== 0 ? 4 : (anchor & 0xff00) !== 0 ? 3 : (anchor & 0xff0000) !== 0 ? 2 : 1;
}

/** One group's tables from its filed entries (positions in the lists, a piece's adjacent). */
function buildGroup(
  members: Uint32Array,
  listOf: Uint32Array,
  pieceKeys: Uint32Array,
  ids: UintArray,
  seconds: Uint32Array,
): PieceGroup {
  const pieces: number[] = [];
  for (let k = 0; k < members.length; k++) {
    const list = listOf[members[k] as number] as number;
    if (k === 0 || list !== listOf[members[k - 1] as number]) pieces.push(pieceKeys[list] as number);
  }
  let capacity = 2;
  while (capacity < pieces.length * 2) capacity *= 2;
  const slots = new Uint32Array(capacity * 2);
  const filed = new Uint32Array(pieces.length + 2 * members.length);
  const mask = capacity - 1;
  let offset = 0;
  for (let k = 0; k < members.length; ) {
    const list = listOf[members[k] as number] as number;
    const piece = pieceKeys[list] as number;
    let slot = slotOf(piece, mask);
    while (slots[slot << 1] !== 0) slot = (slot + 1) & mask;
    slots[slot << 1] = piece;
    slots[(slot << 1) + 1] = offset;
    const lengthAt = offset++;
    for (; k < members.length && listOf[members[k] as number] === list; k++) {
      const at = members[k] as number;
      filed[offset++] = ids[at] as number;
      filed[offset++] = seconds[at] as number;
    }
    filed[lengthAt] = (offset - lengthAt - 1) / 2;
  }
  const heads = buildHeads(pieces);
  const group: PieceGroup = { heads, shift: headShift(heads), slots, filed, chain: [] };
  group.chain.push(group);
  return group;
}

/** The filter over the pieces' first 3 chars: 2 bits per hash slot, at least 8 slots per piece. */
function buildHeads(pieces: readonly number[]): Uint32Array {
  let slots = 128;
  while (slots < pieces.length * 8) slots *= 2;
  const heads = new Uint32Array(slots / 16);
  const shift = headShift(heads);
  for (const piece of pieces) {
    const short = isShort(piece);
    const bit = headBit(short ? piece : piece >>> 8, shift) + (short ? 0 : 1);
    heads[bit >>> 5] = (heads[bit >>> 5] as number) | (1 << (bit & 31));
  }
  return heads;
}

/** The shift that maps a 32-bit hash to a slot of `heads` (a power of two of slots, 16 a word). */
function headShift(heads: Uint32Array): number {
  return Math.clz32(heads.length * 16) + 1;
}

/** The first bit of the slot of 3 chars (its 3-character bit; the 4-character one follows). */
function headBit(head: number, shift: number): number {
  return (Math.imul(head, GOLDEN) >>> shift) << 1;
}

function slotOf(key: number, mask: number): number {
  let h = Math.imul(key, GOLDEN);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae3d);
  h ^= h >>> 13;
  return h & mask;
}
