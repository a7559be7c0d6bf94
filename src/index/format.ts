/**
 * The index file format, version 6: the whole byte layout, and its encoder and decoder.
 *
 *   offset  size  content
 *   0       8     magic: the ASCII bytes "MODALIAS"
 *   8       4     format version, unsigned big-endian (6)
 *   12      4     header length H, unsigned big-endian
 *   16      H     header: a msgpack map
 *                   format   "modalias-index"
 *                   version  6
 *                   source   { size, mtimeMs (or nil), sha256 } of modules.alias
 *                   counts   { entries, modules, fieldEntries, generalEntries } of its part
 *                   builtin  nil, or { source, counts } as above for the built-in
 *                            drivers' aliases (modules.builtin.modinfo)
 *                   body     { length, crc32 } of the body bytes
 *                   layout   per part (modules.alias's, then the built-in one's if any):
 *                            { tries: the prefixes of its field tries, in order,
 *                              sections: the byte length of each of its sections }
 *                   names    only in an index of a kernel tree: the tree's name lists
 *                            (names.ts), { module, symbol, builtin-module }, each nil
 *                            or { source, count, length } of modules.dep,
 *                            modules.symbols and modules.builtin, its section's length
 *   16+H    rest  body: the sections of each part, then one section per name list (in
 *                 that order, present lists only), one after the other, each a separate
 *                 msgpack value (typed arrays as msgpackr's typed-array extension,
 *                 little-endian; "uint" = Uint8/16/32Array, the narrowest that holds
 *                 the values), so that a lookup decodes only the sections it needs.
 *
 * A part (one alias source; entries are its valid alias lines in file order, the entry id
 * being the row number, see columns.ts) is 3 + T sections, T its number of field tries:
 *   [0] entries   [names, lines, modules, stars, literals, trailing]
 *                   names     the module names joined by "\n"; a module's id is the rank
 *                             of its first alias line
 *                   lines     Uint32Array of (entry, line) pairs where the line is not the
 *                             previous entry's line plus one (the built-in part:
 *                             modules.builtin.modinfo records)
 *                   modules   Uint32Array of (entry, module id) pairs where the module
 *                             changes (entry 0 has module 0)
 *                   stars     uint, the `*` count of each entry
 *                   literals  uint, the literal characters of each entry
 *                   trailing  Uint32Array, the field entries whose pattern ends in an
 *                             extra `*`
 *   [1] general   every other entry (general.ts):
 *                 [ids, twins, exact, piece keys, piece starts, piece ids, anchors, seconds,
 *                  always]
 *                   ids       uint, the entry id of each general pattern (its local id is
 *                             its position)
 *                   twins     uint, (local id, next local id with the same pattern as
 *                             written) pairs, in order of the second; the lists below name
 *                             a pattern by its first local id only
 *                   exact     uint, first local ids of the patterns with no wildcard
 *                   pieces    the 3- and 4-character pieces patterns are filed under
 *                             (Uint32Array: a piece's char codes packed into one number,
 *                             first char highest, 3 chars in the low 24 bits), and the
 *                             lists: list i is piece ids[starts[i] .. starts[i + 1])
 *                   anchors   Uint32Array, per piece id, the first 4 chars of its pattern's
 *                             literal start packed likewise (0 for a missing char)
 *                   seconds   Uint32Array, per piece id, another piece of its pattern
 *                             (0: none)
 *                   always    uint, first local ids of the patterns tested on every lookup
 *   [2] patterns  the general patterns as written, by local id, joined by "\n"
 *   [3 + i]       field trie i (field-trie.ts; its schema is the prefix's, schema.ts):
 *                 [shape, values, leafSize, ids, ties, direct]
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
 *                   direct    [exact, others]: whether a general pattern without wildcards
 *                             may match a key with the trie's prefix, and uint first local ids
 *                             of the other general patterns that may (nil when there are more
 *                             than 64); with the trie, so that such a key whose list is empty
 *                             (pci and vfio_pci keys in a real file) never reads section [1]
 *
 * A name list's section is [keys, modules, lines]: its keys (module names, or `symbol:NAME`)
 * joined by "\n"; the modules they name joined likewise, or nil when each key is its module;
 * Uint32Array of (entry, line) pairs where the line is not the previous entry's plus one.
 *
 * Worked example: this modules.alias (147 bytes, compiled with no mtime) gives a 489-byte
 * file; the field values are hex numbers (0x8086 = 32902), the piece "acpi" is 0x61637069
 * (also the pattern's anchor), ":PNP" 0x3a504e50.
 *
 *   alias pci:v00008086d00001572sv*sd*bc*sc*i* i40e      entry 0, field trie pci:
 *   alias pci:v*d*sv*sd*bc01sc08i02* nvme                 entry 1, field trie pci:, trailing `*`
 *   alias acpi*:PNP0C0A:* battery                         entry 2, general, piece "acpi"
 *   alias platform:serial8250 8250                        entry 3, general, exact
 *
 *   preamble  4d4f44414c494153 00000006 000000ff          "MODALIAS", version 6, H = 255
 *   header    { format: "modalias-index", version: 6, source: { size: 147, mtimeMs: nil,
 *               sha256: "51decd44..." }, counts: { entries: 4, modules: 4, fieldEntries: 2,
 *               generalEntries: 2 }, builtin: nil, body: { length: 218, crc32: 1943814512 },
 *               layout: [{ tries: ["pci:"], sections: [80, 55, 37, 46] }] }
 *   body      [0] ["i40e\nnvme\nbattery\n8250", [], [1,1, 2,2, 3,3], [5, 5, 2, 0],
 *                  [31, 21, 13, 19], [1]]              lines 1..4 follow each other
 *             [1] [[2, 3], [], [1], [0x61637069], [0, 1], [0], [0x61637069], [0x3a504e50], []]
 *             [2] "acpi*:PNP0C0A:*\nplatform:serial8250"
 *             [3] [[3, 2, -6, 2, -1, 2, -1, 2], [32902, 5490, 1, 8, 2], [1, 1], [0, 1], [],
 *                  [false, []]]                       no general pattern can match a pci: key
 *                 root: 00008086 and `*` (3); below 00008086: 00001572 (2); below `*`
 *                 and on through sv and sd: `*` only (six 1s); bc: i40e's `*` (1), nvme's
 *                 01 (2); sc: `*` (1), 08 (2); i: `*` (1), 02 (2); two leaves, one entry each
 *
 * Opening an index (openIndex, what the command line uses) checks the magic, the version,
 * the lengths, that the header's counts and layout fit the body (the header has no checksum
 * of its own) and the body's CRC-32; each section is decoded and checked (its shape, and
 * every id in it against the counts and each other) the first time a lookup needs it, and
 * the lookup tables are rebuilt from it then (the tries' first-child and value-start prefix
 * sums, the piece tables, the twin chains, the exact-key table). A pci key of a real file
 * thus reads section 0 and its trie only. decodeIndex reads every section at once. So a file
 * that is not an index, has
 * another version, is truncated or is corrupted is refused with an {@link IndexFormatError},
 * never used to answer. The CRC guards against accidents (a truncated copy, a flipped bit),
 * not against a crafted file. The output is a function of the input alone: no build time,
 * stable order. Versions 1 and 2 (one msgpack body, decoded whole), 3 (no name lists), 4
 * (general patterns under 4-character pieces only, without twins and checks) and 5 (the
 * direct lists in the general section) are refused: compile again.
 */
import { crc32 } from "node:zlib";
import { Packr, Unpackr } from "msgpackr";
import type { AliasIndex, IndexContents, SourceInfo } from "./build.js";
import { IndexFormatError, need } from "./columns.js";
import { lazyNames, type ModuleNames, NAME_KINDS, type NameKind, type NameListHeader, packNames } from "./names.js";
import { type Counts, LazyPart, type PartLayout, packPart, schemaOfPrefix } from "./sections.js";

export { IndexFormatError } from "./columns.js";
export type { Counts, PartLayout } from "./sections.js";
export { partSections } from "./sections.js";

export const FORMAT_NAME = "modalias-index";
export const FORMAT_VERSION = 6;
const MAGIC = Buffer.from("MODALIAS", "ascii");
const PREAMBLE = 16;

export interface IndexHeader {
  format: string;
  version: number;
  /** The modules.alias the index was compiled from. */
  source: SourceInfo;
  counts: Counts;
  /** The modules.builtin.modinfo it was compiled from, when it has a built-in part. */
  builtin: { source: SourceInfo; counts: Counts } | null;
  body: { length: number; crc32: number };
  /** Where each part's sections are in the body: modules.alias's, then the built-in one's. */
  layout: PartLayout[];
  /** The kernel tree's name lists, whose sections follow the parts'; absent when it has none. */
  names?: Record<NameKind, NameListHeader | null>;
}

const packer = new Packr({ useRecords: false, moreTypes: true, variableMapSize: true });
const headerReader = new Unpackr({ useRecords: false, mapsAsObjects: true });

/** Serialize an index. */
export function encodeIndex(contents: IndexContents): Buffer {
  const { aliases, builtin } = contents;
  const parts = [aliases, ...(builtin === null ? [] : [builtin])].map(packPart);
  const lists = contents.names === undefined ? null : packLists(contents.names);
  const body = Buffer.concat([...parts.flatMap((part) => part.sections), ...(lists?.sections ?? [])]);
  const header: IndexHeader = {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    source: aliases.source,
    counts: countsOf(aliases),
    builtin: builtin === null ? null : { source: builtin.source, counts: countsOf(builtin) },
    body: { length: body.length, crc32: crc32(body) },
    layout: parts.map((part) => part.layout),
    ...(lists === null ? {} : { names: lists.headers }),
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

/**
 * Open an index for lookups: the preamble, the header, the lengths and the
 * body's CRC-32 are checked now, each section when a lookup first needs it
 * (an {@link IndexFormatError} then, naming `file` when given). For one lookup in a fresh process
 * this costs a fraction of {@link decodeIndex}.
 */
export function openIndex(bytes: Uint8Array, file: string | null = null): IndexContents {
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
  checkLayout(header);
  if (crc32(body) !== header.body.crc32) throw new IndexFormatError("corrupted: body checksum mismatch");
  const [aliasLayout, builtinLayout] = header.layout as [PartLayout, PartLayout | undefined];
  const aliases = new LazyPart(header.source, header.counts, aliasLayout, body, 0, file);
  const builtin =
    header.builtin === null || builtinLayout === undefined
      ? null
      : new LazyPart(header.builtin.source, header.builtin.counts, builtinLayout, body, partLength(aliasLayout), file);
  if (header.names === undefined) return { aliases, builtin };
  let at = header.layout.reduce((n, layout) => n + partLength(layout), 0);
  const names = {} as ModuleNames;
  for (const kind of NAME_KINDS) {
    const list = header.names[kind];
    names[kind] = list === null ? null : lazyNames(kind, list, body.subarray(at, (at += list.length)), file);
  }
  return { aliases, builtin, names };
}

/** The name lists' sections, present lists in {@link NAME_KINDS} order, and their header entries. */
function packLists(names: ModuleNames): { sections: Buffer[]; headers: Record<NameKind, NameListHeader | null> } {
  const sections: Buffer[] = [];
  const headers = {} as Record<NameKind, NameListHeader | null>;
  for (const kind of NAME_KINDS) {
    const list = names[kind];
    if (list === null) {
      headers[kind] = null;
      continue;
    }
    const section = packNames(list);
    sections.push(section);
    headers[kind] = { source: list.source, count: list.count, length: section.length };
  }
  return { sections, headers };
}

/** Deserialize an index, every section checked now; throws {@link IndexFormatError} on anything wrong. */
export function decodeIndex(bytes: Uint8Array): IndexContents {
  const contents = openIndex(bytes);
  const header = decodeHeader(bytes);
  checkPart(contents.aliases, header.counts);
  if (contents.builtin !== null && header.builtin !== null) checkPart(contents.builtin, header.builtin.counts);
  for (const kind of NAME_KINDS) void contents.names?.[kind]?.names;
  return contents;
}

/** Read every section of a part, and check that its entries are filed once: in a trie or in the general structure. */
function checkPart(part: AliasIndex, counts: Counts): void {
  void part.modules;
  void part.general.patterns;
  const fieldEntries = part.tries.reduce((sum, t) => sum + t.trie.ids.length, 0);
  try {
    need(fieldEntries === counts.fieldEntries, "entry counts");
    need(fieldEntries + part.general.ids.length === counts.entries, "entry filing");
  } catch (error) {
    throw new IndexFormatError(`corrupted: ${(error as Error).message}`);
  }
}

function partLength(layout: PartLayout): number {
  return layout.sections.reduce((sum, length) => sum + length, 0);
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

/** Refuse a layout that does not cover the body exactly: one part, or two with a built-in part, then the name lists. */
function checkLayout({ builtin, body, layout, names }: IndexHeader): void {
  const lists = NAME_KINDS.reduce((n, kind) => n + (names?.[kind]?.length ?? 0), 0);
  if (
    layout.length !== (builtin === null ? 1 : 2) ||
    layout.reduce((n, l) => n + partLength(l), 0) + lists !== body.length
  ) {
    throw new IndexFormatError("corrupted: the header's layout does not fit the body");
  }
}

function countsOf(index: AliasIndex): Counts {
  return {
    entries: index.entries.line.length,
    modules: index.modules.length,
    fieldEntries: index.tries.reduce((n, t) => n + t.packed.ids.length, 0),
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
  const { builtin, body, layout } = value;
  return (
    value.format === FORMAT_NAME &&
    value.version === FORMAT_VERSION &&
    isSource(value.source) &&
    isCounts(value.counts) &&
    (builtin === null || (isRecord(builtin) && isSource(builtin.source) && isCounts(builtin.counts))) &&
    isRecord(body) &&
    isCount(body.length) &&
    isCount(body.crc32) &&
    Array.isArray(layout) &&
    layout.every(isLayout) &&
    (value.names === undefined || isNames(value.names, body.length))
  );
}

/** The name lists' entries: each nil, or a source, a count and a length the body can hold. */
function isNames(value: unknown, bodyLength: unknown): boolean {
  return (
    isRecord(value) &&
    NAME_KINDS.every((kind) => {
      const list = value[kind];
      return (
        list === null ||
        (isRecord(list) &&
          isSource(list.source) &&
          isCount(list.count) &&
          isCount(list.length) &&
          (list.count as number) <= (bodyLength as number))
      );
    })
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

/** A part's layout: known, distinct trie prefixes, and one length per section (3 + one per trie). */
function isLayout(value: unknown): boolean {
  if (!isRecord(value) || !Array.isArray(value.tries) || !Array.isArray(value.sections)) return false;
  const tries = value.tries as unknown[];
  return (
    tries.every((prefix) => typeof prefix === "string" && schemaOfPrefix(prefix) !== undefined) &&
    new Set(tries).size === tries.length &&
    value.sections.length === 3 + tries.length &&
    value.sections.every(isCount)
  );
}
