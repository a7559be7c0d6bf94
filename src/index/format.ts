/**
 * The index file format, version 2: the whole byte layout, and its encoder and decoder.
 *
 *   offset  size  content
 *   0       8     magic: the ASCII bytes "MODALIAS"
 *   8       4     format version, unsigned big-endian (2)
 *   12      4     header length H, unsigned big-endian
 *   16      H     header: a msgpack map
 *                   format   "modalias-index"
 *                   version  2
 *                   source   { size, mtimeMs (or nil), sha256 } of modules.alias
 *                   counts   { entries, modules, fieldEntries, generalEntries } of its part
 *                   builtin  nil, or { source, counts } as above for the built-in
 *                            drivers' aliases (modules.builtin.modinfo)
 *                   body     { length, crc32 } of the body bytes
 *   16+H    rest  body: one msgpack array (typed arrays as msgpackr's typed-array
 *                 extension, little-endian; "uint" = Uint8/16/32Array, the narrowest that
 *                 holds the values); [0]-[7] are the modules.alias part, [8] the built-in one.
 *
 * A part (one alias source; entries are its valid alias lines in file order, the entry id
 * being the row number, see columns.ts):
 *   [0] modules   module names; a module's id is the rank of its first alias line
 *   [1] lines     Uint32Array of (entry, line) pairs where the line is not the previous
 *                 entry's line plus one (the built-in part: modules.builtin.modinfo records)
 *   [2] modules   Uint32Array of (entry, module id) pairs where the module changes
 *                 (entry 0 has module 0)
 *   [3] stars     uint, the `*` count of each entry
 *   [4] literals  uint, the literal characters of each entry
 *   [5] trailing  Uint32Array, the field entries whose pattern ends in an extra `*`
 *   [6] tries     one field trie per prefix (field-trie.ts, schema.ts), each
 *                 [schema name, prefix, shape, values, leafSize, ids, ties]:
 *                   shape     per inner node, numbered level by level from the root with a
 *                             node's children consecutive, 2 x (literal children) + (1 if it
 *                             has a `*` child); a run of k nodes of shape 1 (a `*` child
 *                             only) is stored as the one number -k
 *                   values    uint, the literal children's field values, node by node, each
 *                             node's in ascending order (a node's `*` child is its last)
 *                   leafSize  uint, per leaf (the nodes below the last field) its entry count
 *                   ids       uint, the leaves' entry ids, each leaf's best first
 *                   ties      Uint32Array of (leaf, entry) pairs: for a leaf whose best entry
 *                             ties with another module's, the first such entry
 *   [7] general   every other entry (general.ts):
 *                 [ids, patterns, exact, piece keys, piece starts, piece ids, always]
 *                   ids       uint, the entry id of each general pattern (its local id is
 *                             its position)
 *                   patterns  each pattern as written
 *                   exact     uint, local ids of the patterns with no wildcard
 *                   pieces    the 4-character pieces patterns are filed under (a piece's 4
 *                             char codes packed into one Uint32, first char highest), and
 *                             the lists: list i is piece ids[starts[i] .. starts[i + 1])
 *                   always    uint, local ids of the patterns tested on every lookup
 *   [8] builtin   nil, or the built-in part as an array laid out like [0]-[7]
 *
 * Worked example: this modules.alias (147 bytes, compiled with no mtime) gives a 440-byte
 * file; the field values are hex numbers (0x8086 = 32902), the piece "acpi" is 0x61637069.
 *
 *   alias pci:v00008086d00001572sv*sd*bc*sc*i* i40e      entry 0, field trie pci:
 *   alias pci:v*d*sv*sd*bc01sc08i02* nvme                 entry 1, field trie pci:, trailing `*`
 *   alias acpi*:PNP0C0A:* battery                         entry 2, general, piece "acpi"
 *   alias platform:serial8250 8250                        entry 3, general, exact
 *
 *   preamble  4d4f44414c494153 00000002 000000dc          "MODALIAS", version 2, H = 220
 *   header    { format: "modalias-index", version: 2, source: { size: 147, mtimeMs: nil,
 *               sha256: "51decd44..." }, counts: { entries: 4, modules: 4, fieldEntries: 2,
 *               generalEntries: 2 }, builtin: nil, body: { length: 204, crc32: 426222158 } }
 *   body      [0] ["i40e", "nvme", "battery", "8250"]
 *             [1] []                                      lines 1..4 follow each other
 *             [2] [1,1, 2,2, 3,3]
 *             [3] [5, 5, 2, 0]          [4] [31, 21, 13, 19]          [5] [1]
 *             [6] [["pci", "pci:", [3, 2, -6, 2, -1, 2, -1, 2], [32902, 5490, 1, 8, 2],
 *                   [1, 1], [0, 1], []]]
 *                 root: 00008086 and `*` (3); below 00008086: 00001572 (2); below `*`
 *                 and on through sv and sd: `*` only (six 1s); bc: i40e's `*` (1), nvme's
 *                 01 (2); sc: `*` (1), 08 (2); i: `*` (1), 02 (2); two leaves, one entry each
 *             [7] [[2, 3], ["acpi*:PNP0C0A:*", "platform:serial8250"], [1], [0x61637069],
 *                  [0, 1], [0], []]
 *             [8] nil
 *
 * Loading rebuilds the lookup tables from these arrays with the code that builds them at
 * compile time (the tries' first-child and value-start prefix sums, the piece hash table),
 * so the file stays small. Decoding checks the magic, the version, the lengths, that the
 * header's counts fit the body (the header has no checksum of its own) and the body's CRC-32
 * before reading the body, then the body's shape and every id in it against the counts and
 * each other, so a file that is not an index, has another version, is truncated or is
 * corrupted is refused with an {@link IndexFormatError}, never used. The CRC guards against
 * accidents (a truncated copy, a flipped bit), not against a crafted file. The output is a
 * function of the input alone: no build time, stable order. Version 1 had no built-in part;
 * such files are refused (compile again).
 */
import { crc32 } from "node:zlib";
import { Packr, Unpackr } from "msgpackr";
import { isModuleName } from "../kmod/normalize.js";
import type { AliasIndex, FieldTrie, IndexContents, SourceInfo } from "./build.js";
import { Malformed, need, type UintArray } from "./columns.js";
import { unpackTrie } from "./field-trie.js";
import { buildKeyTable, type GeneralIndex, type IdLists } from "./general.js";
import { SCHEMAS } from "./schema.js";

export const FORMAT_NAME = "modalias-index";
export const FORMAT_VERSION = 2;
const MAGIC = Buffer.from("MODALIAS", "ascii");
const PREAMBLE = 16;

export class IndexFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IndexFormatError";
  }
}

export interface IndexHeader {
  format: string;
  version: number;
  /** The modules.alias the index was compiled from. */
  source: SourceInfo;
  counts: Counts;
  /** The modules.builtin.modinfo it was compiled from, when it has a built-in part. */
  builtin: { source: SourceInfo; counts: Counts } | null;
  body: { length: number; crc32: number };
}

const packer = new Packr({ useRecords: false, moreTypes: true, variableMapSize: true });
const bodyReader = new Unpackr({ useRecords: false, moreTypes: true, mapsAsObjects: false });
const headerReader = new Unpackr({ useRecords: false, mapsAsObjects: true });

/** Serialize an index. */
export function encodeIndex(contents: IndexContents): Buffer {
  const { aliases, builtin } = contents;
  const body = packer.pack(packContents(contents));
  const header: IndexHeader = {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    source: aliases.source,
    counts: countsOf(aliases),
    builtin: builtin === null ? null : { source: builtin.source, counts: countsOf(builtin) },
    body: { length: body.length, crc32: crc32(body) },
  };
  const head = packer.pack(header);
  const preamble = Buffer.alloc(PREAMBLE);
  MAGIC.copy(preamble, 0);
  preamble.writeUInt32BE(FORMAT_VERSION, 8);
  preamble.writeUInt32BE(head.length, 12);
  return Buffer.concat([preamble, head, body]);
}

/** Read only the header (cheap): for staleness checks and `info`. */
export function decodeHeader(bytes: Uint8Array): IndexHeader {
  return readHeader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).header;
}

/** Deserialize an index; throws {@link IndexFormatError} on anything wrong. */
export function decodeIndex(bytes: Uint8Array): IndexContents {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { header, bodyStart } = readHeader(buf);
  const body = buf.subarray(bodyStart);
  checkCounts(header);
  if (body.length < header.body.length) {
    throw new IndexFormatError(`truncated: the body has ${body.length} of its ${header.body.length} bytes`);
  }
  if (body.length > header.body.length) {
    throw new IndexFormatError(`corrupted: ${body.length - header.body.length} bytes after the body`);
  }
  if (crc32(body) !== header.body.crc32) throw new IndexFormatError("corrupted: body checksum mismatch");
  let decoded: unknown;
  try {
    decoded = bodyReader.unpack(body);
  } catch (error) {
    throw new IndexFormatError(`corrupted: body does not decode (${(error as Error).message})`);
  }
  try {
    const { aliases, builtin } = unpackContents(decoded, header.counts, header.builtin?.counts ?? null);
    return {
      aliases: { source: header.source, ...aliases },
      builtin: builtin === null || header.builtin === null ? null : { source: header.builtin.source, ...builtin },
    };
  } catch (error) {
    if (error instanceof Malformed) throw new IndexFormatError(`corrupted: ${error.message}`);
    throw error;
  }
}

/**
 * The header is not covered by the body's checksum: refuse counts the body
 * cannot hold (every entry and every module takes at least one body byte),
 * so that a damaged count never sizes an allocation.
 */
function checkCounts({ counts, builtin, body }: IndexHeader): void {
  const fits = (c: Counts): boolean =>
    c.entries <= body.length && c.modules <= body.length && c.fieldEntries + c.generalEntries === c.entries;
  if (!fits(counts) || (builtin !== null && !fits(builtin.counts))) {
    throw new IndexFormatError("corrupted: the header's counts do not fit the body");
  }
}

function countsOf(index: AliasIndex): Counts {
  return {
    entries: index.entries.line.length,
    modules: index.modules.length,
    fieldEntries: index.tries.reduce((n, t) => n + t.trie.ids.length, 0),
    generalEntries: index.general.ids.length,
  };
}

function readHeader(buf: Buffer): { header: IndexHeader; bodyStart: number } {
  if (buf.length === 0) throw new IndexFormatError("empty file, not a modalias index");
  const magicPart = buf.subarray(0, Math.min(buf.length, MAGIC.length));
  if (!magicPart.equals(MAGIC.subarray(0, magicPart.length))) {
    throw new IndexFormatError("not a modalias index (no MODALIAS magic at the start)");
  }
  if (buf.length < PREAMBLE) throw new IndexFormatError(`truncated: ${buf.length} bytes, shorter than the preamble`);
  const version = buf.readUInt32BE(8);
  if (version !== FORMAT_VERSION) {
    throw new IndexFormatError(
      `index format version ${version}; this modalias reads version ${FORMAT_VERSION} (compile the index again)`,
    );
  }
  const headLength = buf.readUInt32BE(12);
  if (buf.length < PREAMBLE + headLength) {
    throw new IndexFormatError(`truncated: the header needs ${headLength} bytes, ${buf.length - PREAMBLE} present`);
  }
  let header: unknown;
  try {
    header = headerReader.unpack(buf.subarray(PREAMBLE, PREAMBLE + headLength));
  } catch (error) {
    throw new IndexFormatError(`corrupted: header does not decode (${(error as Error).message})`);
  }
  if (!isHeader(header)) throw new IndexFormatError("corrupted: header fields missing or of the wrong type");
  return { header, bodyStart: PREAMBLE + headLength };
}

function isHeader(value: unknown): value is IndexHeader {
  if (!isRecord(value)) return false;
  const { builtin, body } = value;
  return (
    value.format === FORMAT_NAME &&
    value.version === FORMAT_VERSION &&
    isSource(value.source) &&
    isCounts(value.counts) &&
    (builtin === null || (isRecord(builtin) && isSource(builtin.source) && isCounts(builtin.counts))) &&
    isRecord(body) &&
    isCount(body.length) &&
    isCount(body.crc32)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function isCount(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isSource(value: unknown): boolean {
  return (
    isRecord(value) &&
    isCount(value.size) &&
    (value.mtimeMs === null || typeof value.mtimeMs === "number") &&
    typeof value.sha256 === "string"
  );
}

function isCounts(value: unknown): boolean {
  return (
    isRecord(value) &&
    isCount(value.entries) &&
    isCount(value.modules) &&
    isCount(value.fieldEntries) &&
    isCount(value.generalEntries)
  );
}

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
export function unpackContents(
  body: unknown,
  counts: Counts,
  builtinCounts: Counts | null,
): { aliases: Part; builtin: Part | null } {
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
    index.tries.map(({ schema, prefix, trie }) => [
      schema.name,
      prefix,
      packShape(trie.shape),
      trie.values,
      trie.leafSize,
      trie.ids,
      trie.ties,
    ]),
    [g.ids, g.patterns, g.exact, g.pieceKeys, g.pieceLists.start, g.pieceLists.ids, g.always],
  ];
}

/** Rebuild one part; throws Malformed. */
function unpackBody(body: unknown, counts: Counts): Part {
  const [modules, lines, moduleRuns, stars, literals, trailing, tries, general] = tuple(body, 8, "body");
  need(
    Array.isArray(modules) &&
      modules.length === counts.modules &&
      modules.every((m) => typeof m === "string" && isModuleName(m)),
    "module table",
  );
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
  const [ids, patterns, exact, pieceKeys, pieceStart, pieceIds, always] = tuple(value, 7, "general structure");
  const idCol = uint(ids, "general ids");
  for (const id of idCol) need(id < entries, "general entry id");
  const local = idCol.length;
  need(
    Array.isArray(patterns) && patterns.length === local && patterns.every((p) => typeof p === "string"),
    "general patterns",
  );
  const localIds = (list: unknown, what: string): UintArray => {
    const col = uint(list, what);
    for (const id of col) need(id < local, what);
    return col;
  };
  const keys = typed(pieceKeys, Uint32Array, "piece keys");
  return {
    ids: idCol,
    patterns: patterns as string[],
    exact: localIds(exact, "exact list"),
    pieceKeys: keys,
    pieceLists: idLists(pieceStart, pieceIds, keys.length, local, "piece lists"),
    pieces: buildKeyTable(keys),
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
