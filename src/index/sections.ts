/**
 * One part of an index file (an alias source) as separate msgpack sections,
 * and the part read back lazily: each section is decoded and checked the
 * first time a lookup needs it, so a CLI lookup of one pci key decodes the
 * entry columns and the pci trie (with its direct list: in a real file, no
 * general pattern can match a pci key), and leaves the other tries and the
 * general structure as bytes. The layout of the sections is
 * documented at the top of format.ts.
 *
 * A section that decodes to something this version does not write throws
 * {@link IndexFormatError} (`corrupted: ...`) when it is first read; the
 * body's CRC-32 has been checked before, so only a crafted or foreign file
 * gets this far. decodeIndex (format.ts) reads every section up front.
 */
import { Packr, Unpackr } from "msgpackr";
import { isModuleNameList } from "../kmod/normalize.js";
import type { AliasIndex, FieldTrie, SourceInfo } from "./build.js";
import { type EntryTable, IndexFormatError, Malformed, need, type UintArray } from "./columns.js";
import { type FlatTrie, type PackedTrie, unpackTrie } from "./field-trie.js";
import {
  buildNext,
  buildPieceTable,
  type DirectList,
  type GeneralIndex,
  type IdLists,
  type PieceTable,
} from "./general.js";
import { changes, expand } from "./runs.js";
import { SCHEMAS, type Schema } from "./schema.js";

/** The counts a part's header records, which its sections are checked against. */
export interface Counts {
  entries: number;
  modules: number;
  fieldEntries: number;
  generalEntries: number;
}

/** Where a part's sections are: its tries' prefixes, and each section's length in bytes. */
export interface PartLayout {
  tries: string[];
  sections: number[];
}

/** Section numbers within a part; trie i is section TRIES + i. */
const ENTRIES = 0;
const GENERAL = 1;
const PATTERNS = 2;
const TRIES = 3;

const packer = new Packr({ useRecords: false, moreTypes: true, variableMapSize: true });
const reader = new Unpackr({ useRecords: false, moreTypes: true, mapsAsObjects: false });

/** A part's sections, serialized, and their layout. */
export function packPart(index: AliasIndex): { sections: Buffer[]; layout: PartLayout } {
  const sections = partSections(index).map((value) => packer.pack(value));
  return { sections, layout: { tries: index.tries.map((t) => t.prefix), sections: sections.map((s) => s.length) } };
}

/** The values of a part's sections, in order (before msgpack). */
export function partSections(index: AliasIndex): unknown[] {
  const { entries, general: g } = index;
  return [
    [
      joinNames(index.modules),
      changes(entries.line, 1),
      changes(entries.module, 0),
      entries.stars,
      entries.literals,
      flagged(index.trailingStar),
    ],
    [g.ids, g.twins, g.exact, g.pieceKeys, g.pieceLists.start, g.pieceLists.ids, g.anchors, g.seconds, g.always],
    joinNames(g.patterns),
    ...index.tries.map(({ packed: t, direct }) => [
      packShape(t.shape),
      t.values,
      t.leafSize,
      t.ids,
      t.ties,
      [direct.exact, direct.others],
    ]),
  ];
}

/** The positions of the set flags. */
function flagged(flags: Uint8Array): Uint32Array {
  let count = 0;
  for (const flag of flags) count += flag;
  const out = new Uint32Array(count);
  let at = 0;
  flags.forEach((flag, id) => {
    if (flag) out[at++] = id;
  });
  return out;
}

/** The schema of a trie prefix, or undefined for a prefix no schema has. */
export function schemaOfPrefix(prefix: string): Schema | undefined {
  return SCHEMAS.find((schema) => schema.prefixes.includes(prefix));
}

/**
 * A part read from `body` at `offset` (its layout checked against the body
 * by the caller), each section decoded on first use.
 */
export class LazyPart implements AliasIndex {
  private core: { modules: string[]; entries: EntryTable; trailingStar: Uint8Array } | undefined;
  private lazyTries: FieldTrie[] | undefined;
  private lazyGeneral: GeneralIndex | undefined;
  private readonly starts: number[] = [];

  constructor(
    readonly source: SourceInfo,
    private readonly counts: Counts,
    private readonly layout: PartLayout,
    private readonly body: Buffer,
    offset: number,
    /** The file the part is read from, named in a refusal found after opening (null: no file). */
    private readonly file: string | null,
  ) {
    for (const length of layout.sections) {
      this.starts.push(offset);
      offset += length;
    }
  }

  get modules(): string[] {
    return this.decodeCore().modules;
  }

  get entries(): EntryTable {
    return this.decodeCore().entries;
  }

  get trailingStar(): Uint8Array {
    return this.decodeCore().trailingStar;
  }

  get tries(): FieldTrie[] {
    this.lazyTries ??= this.layout.tries.map((prefix, i) => new LazyTrie(this, TRIES + i, prefix));
    return this.lazyTries;
  }

  get general(): GeneralIndex {
    this.lazyGeneral ??= this.section(GENERAL, (value) => this.unpackGeneral(value));
    return this.lazyGeneral;
  }

  /** Decode section `n` with `unpack`, turning anything unexpected into an IndexFormatError. */
  section<T>(n: number, unpack: (value: unknown) => T): T {
    const start = this.starts[n] as number;
    let value: unknown;
    try {
      value = reader.unpack(this.body.subarray(start, start + (this.layout.sections[n] as number)));
    } catch (error) {
      throw new IndexFormatError(`${this.where()}corrupted: a section does not decode (${(error as Error).message})`);
    }
    try {
      return unpack(value);
    } catch (error) {
      if (error instanceof Malformed) throw new IndexFormatError(`${this.where()}corrupted: ${error.message}`);
      throw error;
    }
  }

  private where(): string {
    return this.file === null ? "" : `${this.file}: `;
  }

  private decodeCore(): { modules: string[]; entries: EntryTable; trailingStar: Uint8Array } {
    this.core ??= this.section(ENTRIES, (value) => {
      const [names, lines, moduleRuns, stars, literals, trailing] = tuple(value, 6, "entry columns");
      const modules = splitNames(names, this.counts.modules, "module table");
      need(isModuleNameList(names as string), "module table");
      const n = this.counts.entries;
      const module = expand(moduleRuns, n, 0, "module column");
      // The column holds 0 and its runs' values only: checking those checks every entry.
      need(n === 0 || modules.length > 0, "module id");
      const runs = moduleRuns as Uint32Array;
      for (let i = 1; i < runs.length; i += 2) need((runs[i] as number) < modules.length, "module id");
      const trailingStar = new Uint8Array(n);
      for (const id of uint(trailing, "trailing star list")) {
        need(id < n, "trailing star list");
        trailingStar[id] = 1;
      }
      const entries: EntryTable = {
        line: expand(lines, n, 1, "line column"),
        module,
        stars: uint(stars, "stars column", n),
        literals: uint(literals, "literals column", n),
      };
      return { modules, entries, trailingStar };
    });
    return this.core;
  }

  unpackTrie(value: unknown, schema: Schema): { flat: FlatTrie; direct: DirectList } {
    const [shape, values, leafSize, ids, ties, direct] = tuple(value, 6, "trie");
    const depth = schema.fields.length;
    const packed = {
      shape: unpackShape(shape, Math.max(1, this.counts.entries * depth)),
      values: uint(values, "trie values"),
      leafSize: uint(leafSize, "trie leaf sizes"),
      ids: uint(ids, "trie ids"),
      ties: typed(ties, Uint32Array, "trie ties"),
    };
    const [hasExact, others] = tuple(direct, 2, "direct list");
    need(typeof hasExact === "boolean", "direct list");
    let otherIds: UintArray | null = null;
    if (others !== null) {
      otherIds = uint(others, "direct list");
      need(allBelow(otherIds, this.counts.generalEntries), "direct list");
    }
    return { flat: unpackTrie(packed, depth, this.counts.entries), direct: { exact: hasExact, others: otherIds } };
  }

  private unpackGeneral(value: unknown): GeneralIndex {
    const [ids, twins, exact, pieceKeys, pieceStart, pieceIds, anchors, seconds, always] = tuple(
      value,
      9,
      "general structure",
    );
    const idCol = uint(ids, "general ids", this.counts.generalEntries);
    need(allBelow(idCol, this.counts.entries), "general entry id");
    const local = idCol.length;
    const localIds = (list: unknown, what: string): UintArray => {
      const col = uint(list, what);
      need(allBelow(col, local), what);
      return col;
    };
    const keys = typed(pieceKeys, Uint32Array, "piece keys");
    const lists = idLists(pieceStart, pieceIds, keys.length, local, "piece lists");
    const checks = (value: unknown, what: string): Uint32Array => {
      const col = typed(value, Uint32Array, what);
      need(col.length === lists.ids.length, what);
      return col;
    };
    return new LazyGeneral(
      this,
      idCol,
      twinPairs(twins, local),
      localIds(exact, "exact list"),
      keys,
      lists,
      checks(anchors, "piece anchors"),
      checks(seconds, "second pieces"),
      localIds(always, "always list"),
    );
  }
}

/**
 * A field trie of a lazy part, decoded on first use. Getters on a class (one
 * function for every instance, not a closure per object) keep the lookups'
 * property reads fast.
 */
class LazyTrie implements FieldTrie {
  readonly schema: Schema;
  private decoded: { flat: FlatTrie; direct: DirectList } | undefined;

  constructor(
    private readonly part: LazyPart,
    private readonly n: number,
    readonly prefix: string,
  ) {
    this.schema = schemaOfPrefix(prefix) as Schema;
  }

  get trie(): FlatTrie {
    return this.decode().flat;
  }

  get direct(): DirectList {
    return this.decode().direct;
  }

  private decode(): { flat: FlatTrie; direct: DirectList } {
    this.decoded ??= this.part.section(this.n, (value) => this.part.unpackTrie(value, this.schema));
    return this.decoded;
  }

  get packed(): PackedTrie {
    return this.trie;
  }
}

/** The general structure of a lazy part: its patterns decoded, and its lookup tables built, on first use. */
class LazyGeneral implements GeneralIndex {
  private lazyPatterns: string[] | undefined;
  private lazyNext: Uint32Array | undefined;
  private lazyTable: PieceTable | undefined;

  constructor(
    private readonly part: LazyPart,
    readonly ids: UintArray,
    readonly twins: UintArray,
    readonly exact: UintArray,
    readonly pieceKeys: Uint32Array,
    readonly pieceLists: IdLists,
    readonly anchors: Uint32Array,
    readonly seconds: Uint32Array,
    readonly always: UintArray,
  ) {}

  get patterns(): string[] {
    this.lazyPatterns ??= this.part.section(PATTERNS, (text) => splitNames(text, this.ids.length, "general patterns"));
    return this.lazyPatterns;
  }

  get next(): Uint32Array {
    this.lazyNext ??= buildNext(this.twins, this.ids.length);
    return this.lazyNext;
  }

  get table(): PieceTable {
    this.lazyTable ??= buildPieceTable(this.pieceKeys, this.pieceLists, this.anchors, this.seconds);
    return this.lazyTable;
  }
}

/**
 * Names and patterns joined by newlines into one string: one msgpack string
 * decodes much faster than thousands (neither can hold a newline: the parsers
 * leave such lines out).
 */
function joinNames(names: readonly string[]): string {
  return names.join("\n");
}

function splitNames(value: unknown, count: number, what: string): string[] {
  need(typeof value === "string", what);
  const names = value === "" ? [] : value.split("\n");
  need(names.length === count, what);
  return names;
}

/**
 * Shapes as a plain number list where a run of k inner nodes of shape 1
 * (only a `*` child, most nodes below the first fields) is written -k.
 * Unpacking refuses more than `limit` nodes (a trie of n entries and d
 * levels has at most n x d inner nodes) before allocating them.
 */
function packShape(shape: UintArray): number[] {
  const out: number[] = [];
  for (const s of shape) {
    const last = out.length - 1;
    if (s === 1 && (out[last] as number) < 0) out[last] = (out[last] as number) - 1;
    else out.push(s === 1 ? -1 : s);
  }
  return out;
}

function unpackShape(value: unknown, limit: number): Uint32Array {
  need(Array.isArray(value), "trie shape");
  const list = value as unknown[];
  let whole = true;
  let length = 0;
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    whole &&= Number.isSafeInteger(s) && (s as number) <= 0xffffffff;
    length += (s as number) < 0 ? -(s as number) : 1;
  }
  need(whole && length <= limit, "trie shape");
  const shape = new Uint32Array(length);
  let at = 0;
  for (let i = 0; i < list.length; i++) {
    const s = list[i] as number;
    if (s >= 0) shape[at++] = s;
    else shape.fill(1, at, (at -= s));
  }
  return shape;
}

/**
 * (local id, next local id written the same) pairs: each pair rising, so
 * that every chain ends, and in rising order of their second, as written.
 */
function twinPairs(value: unknown, limit: number): UintArray {
  const pairs = uint(value, "twin list");
  need(pairs.length % 2 === 0, "twin list");
  for (let i = 0; i < pairs.length; i += 2) {
    const next = pairs[i + 1] as number;
    need((pairs[i] as number) < next && next < limit, "twin list");
    need(i === 0 || (pairs[i - 1] as number) < next, "twin list");
  }
  return pairs;
}

function idLists(start: unknown, ids: unknown, count: number, limit: number, what: string): IdLists {
  const startCol = uint(start, what);
  const idCol = uint(ids, what);
  need(startCol.length === count + 1 && startCol[0] === 0 && startCol[count] === idCol.length, what);
  let ordered = true;
  for (let i = 1; i <= count; i++) ordered &&= (startCol[i - 1] as number) <= (startCol[i] as number);
  need(ordered && allBelow(idCol, limit), what);
  return { start: startCol, ids: idCol };
}

/**
 * Whether every value of `col` is below `limit`: one comparison per value and one check at the
 * end (sections are checked once per process, mostly before the JIT has compiled this).
 */
function allBelow(col: UintArray, limit: number): boolean {
  let max = -1;
  for (let i = 0; i < col.length; i++) if ((col[i] as number) > max) max = col[i] as number;
  return max < limit;
}

function tuple(value: unknown, length: number, what: string): unknown[] {
  need(Array.isArray(value) && value.length === length, what);
  return value as unknown[];
}

function uint(value: unknown, what: string, length?: number): UintArray {
  need(value instanceof Uint8Array || value instanceof Uint16Array || value instanceof Uint32Array, what);
  need(length === undefined || value.length === length, what);
  return value;
}

function typed<T extends Uint32Array>(value: unknown, type: { new (n: number): T }, what: string): T {
  need(value instanceof type, what);
  return value as T;
}
