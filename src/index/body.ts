/**
 * The index body: between an {@link AliasIndex} in memory and the compact
 * msgpack array stored in the file (layout in format.ts).
 *
 * Columns that are long runs are stored as their changes: source lines as
 * (entry, line) pairs where a line is not the previous one plus one, module
 * ids as (entry, module) pairs where the module changes, trailing stars as
 * the list of entries that have one. Lookup tables (hash tables, leaf
 * starts) are rebuilt on load by the same code that builds them at compile
 * time. Unpacking checks every part against the header's counts and each
 * other, so a body that decodes but is not what this version writes is
 * refused (Malformed) rather than answering wrongly or failing mid-lookup.
 */
import type { AliasIndex, FieldTrie, IndexContents } from "./compile.js";
import type { UintArray } from "./entries.js";
import type { GeneralIndex, IdLists } from "./general.js";
import { buildKeyTable } from "./hash-table.js";
import { unpackTrie } from "./field-trie.js";
import { need } from "./malformed.js";
import { SCHEMAS } from "./schema.js";

export interface Counts {
  entries: number;
  modules: number;
  fieldEntries: number;
  generalEntries: number;
}

type Part = Omit<AliasIndex, "source">;

/** The serializable form of an index file's contents: the modules.alias part, then the built-in part or null. */
export function packContents({ aliases, builtin }: IndexContents): unknown[] {
  return [...packBody(aliases), builtin === null ? null : packBody(builtin)];
}

/** Rebuild an index file's parts; throws Malformed. */
export function unpackContents(body: unknown, counts: Counts, builtinCounts: Counts | null): { aliases: Part; builtin: Part | null } {
  const parts = tuple(body, 9, "body");
  const builtin = parts[8];
  need((builtin === null) === (builtinCounts === null), "built-in part");
  return {
    aliases: unpackBody(parts.slice(0, 8), counts),
    builtin: builtin === null || builtinCounts === null ? null : unpackBody(builtin, builtinCounts),
  };
}

/** The serializable form of one part (everything but its source info). */
function packBody(index: AliasIndex): unknown[] {
  const { entries, general: g } = index;
  return [
    index.modules,
    changes(entries.line, 1),
    changes(entries.module, 0),
    entries.stars,
    entries.literals,
    Uint32Array.from(Array.from(index.trailingStar).flatMap((flag, id) => (flag ? [id] : []))),
    index.tries.map(({ schema, prefix, trie }) => [schema.name, prefix, packShape(trie.shape), trie.values, trie.leafSize, trie.ids, trie.ties]),
    [g.ids, g.patterns, g.exact, g.gramKeys, g.gramLists.start, g.gramLists.ids, g.always],
  ];
}

/** Rebuild one part; throws Malformed. */
function unpackBody(body: unknown, counts: Counts): Part {
  const [modules, lines, moduleRuns, stars, literals, trailing, tries, general] = tuple(body, 8, "body");
  need(Array.isArray(modules) && modules.length === counts.modules && modules.every((m) => typeof m === "string"), "module table");
  const n = counts.entries;
  const module = expand(moduleRuns, n, 0, "module column");
  for (const m of module) need(m < counts.modules, "module id");
  const trailingStar = new Uint8Array(n);
  for (const id of uint(trailing, "trailing star list")) {
    need(id < n, "trailing star list");
    trailingStar[id] = 1;
  }
  need(Array.isArray(tries), "trie list");
  const fieldTries = (tries as unknown[]).map((t) => unpackFieldTrie(t, n));
  const fieldEntries = fieldTries.reduce((sum, t) => sum + t.trie.ids.length, 0);
  const checkedGeneral = unpackGeneral(general, n);
  need(fieldEntries === counts.fieldEntries && checkedGeneral.ids.length === counts.generalEntries, "entry counts");
  need(fieldEntries + checkedGeneral.ids.length === n, "entry filing");
  return {
    modules: modules as string[],
    entries: {
      line: expand(lines, n, 1, "line column"),
      module,
      stars: uint(stars, "stars column", n),
      literals: uint(literals, "literals column", n),
    },
    trailingStar,
    tries: fieldTries,
    general: checkedGeneral,
  };
}

function unpackFieldTrie(value: unknown, entries: number): FieldTrie {
  const [name, prefix, shape, values, leafSize, ids, ties] = tuple(value, 7, "trie");
  const schema = SCHEMAS.find((s) => s.name === name);
  need(schema !== undefined && typeof prefix === "string" && schema.prefixes.includes(prefix), "trie schema");
  const packed = {
    shape: unpackShape(shape, Math.max(1, entries * schema.fields.length)),
    values: uint(values, "trie values"),
    leafSize: uint(leafSize, "trie leaf sizes"),
    ids: uint(ids, "trie ids"),
    ties: typed(ties, Uint32Array, "trie ties"),
  };
  return { schema, prefix, trie: unpackTrie(packed, schema.fields.length, entries) };
}

function unpackGeneral(value: unknown, entries: number): GeneralIndex {
  const [ids, patterns, exact, gramKeys, gramStart, gramIds, always] = tuple(value, 7, "general structure");
  const idCol = uint(ids, "general ids");
  for (const id of idCol) need(id < entries, "general entry id");
  const local = idCol.length;
  need(Array.isArray(patterns) && patterns.length === local && patterns.every((p) => typeof p === "string"), "general patterns");
  const localIds = (list: unknown, what: string): UintArray => {
    const col = uint(list, what);
    for (const id of col) need(id < local, what);
    return col;
  };
  const keys = typed(gramKeys, Uint32Array, "gram keys");
  return {
    ids: idCol,
    patterns: patterns as string[],
    exact: localIds(exact, "exact list"),
    gramKeys: keys,
    gramLists: idLists(gramStart, gramIds, keys.length, local, "gram lists"),
    grams: buildKeyTable(keys),
    always: localIds(always, "always list"),
  };
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
  need(Array.isArray(value) && value.every((s) => Number.isSafeInteger(s)), "trie shape");
  let length = 0;
  for (const s of value as number[]) length += s < 0 ? -s : 1;
  need(length <= limit, "trie shape");
  const shape = new Uint32Array(length);
  let at = 0;
  for (const s of value as number[]) {
    if (s >= 0) {
      need(s <= 0xffffffff, "trie shape");
      shape[at++] = s;
    } else shape.fill(1, at, (at -= s));
  }
  return shape;
}

/** (index, value) pairs where `column` differs from the previous value plus `step`; previous starts at 0. */
function changes(column: ArrayLike<number>, step: number): Uint32Array {
  const out: number[] = [];
  let prev = 0;
  for (let i = 0; i < column.length; i++) {
    const value = column[i] as number;
    if (value !== prev + step) out.push(i, value);
    prev = value;
  }
  return Uint32Array.from(out);
}

/** The inverse of {@link changes}. */
function expand(pairs: unknown, length: number, step: number, what: string): Uint32Array {
  const list = typed(pairs, Uint32Array, what);
  need(list.length % 2 === 0, what);
  const out = new Uint32Array(length);
  let prev = 0;
  let at = 0;
  let ordered = true;
  for (let i = 0; i < length; i++) {
    if (at < list.length && list[at] === i) {
      prev = list[at + 1] as number;
      at += 2;
    } else prev += step;
    out[i] = prev;
  }
  for (let i = 2; i < list.length; i += 2) ordered &&= (list[i - 2] as number) < (list[i] as number);
  need(at === list.length && ordered && prev <= 0xffffffff, what);
  return out;
}

function idLists(start: unknown, ids: unknown, count: number, limit: number, what: string): IdLists {
  const startCol = uint(start, what);
  const idCol = uint(ids, what);
  need(startCol.length === count + 1 && startCol[0] === 0 && startCol[count] === idCol.length, what);
  for (let i = 1; i <= count; i++) need((startCol[i - 1] as number) <= (startCol[i] as number), what);
  for (const id of idCol) need(id < limit, what);
  return { start: startCol, ids: idCol };
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
