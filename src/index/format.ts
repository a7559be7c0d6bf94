/**
 * The index file format (version 2).
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
 *                 extension, little-endian; "uint" = Uint8/16/32Array, the narrowest
 *                 that holds the values); [0]-[7] are the modules.alias part:
 *                   [0] modules        module names; id = rank of first alias line
 *                   [1] lines          Uint32Array (entry, line) pairs where the line is
 *                                      not the previous entry's plus one
 *                   [2] modules        Uint32Array (entry, module id) pairs where it changes
 *                   [3] stars          uint, `*` count of each entry
 *                   [4] literals       uint, literal chars of each entry
 *                   [5] trailing       Uint32Array, entries whose field pattern ends in an extra `*`
 *                   [6] tries          one per field prefix: [schema name, prefix,
 *                                      shape, values, leafSize, ids, ties] (see field-trie.ts)
 *                   [7] general        [ids, patterns, exact list, gram keys, gram list
 *                                       starts, gram list ids, always list] (see general.ts)
 *                   [8] builtin        nil, or the built-in part as an array laid out
 *                                      like [0]-[7]; its "lines" are record numbers
 *
 * Entries are in file order. Decoding checks the magic, version, lengths,
 * that the header's counts fit the body (the header has no checksum of its
 * own) and the body's CRC-32 before reading the body, then the body's shape
 * and every id in it,
 * so a file that is not an index, has another version, is truncated or is
 * corrupted is refused with an {@link IndexFormatError}, never used.
 * The output is a function of the input alone: no build time, stable order.
 * Version 1 had no built-in part; such files are refused (compile again).
 */
import { crc32 } from "node:zlib";
import { Packr, Unpackr } from "msgpackr";
import type { AliasIndex, IndexContents, SourceInfo } from "./compile.js";
import { packContents, unpackContents, type Counts } from "./body.js";
import { Malformed } from "./malformed.js";

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
  const fit = (c: Counts): boolean =>
    c.entries <= body.length && c.modules <= body.length && c.fieldEntries + c.generalEntries === c.entries;
  if (!fit(counts) || (builtin !== null && !fit(builtin.counts))) {
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
