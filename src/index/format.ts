/**
 * The index file format (version 1).
 *
 *   offset  size  content
 *   0       8     magic: the ASCII bytes "MODALIAS"
 *   8       4     format version, unsigned big-endian (1)
 *   12      4     header length H, unsigned big-endian
 *   16      H     header: a msgpack map
 *                   format   "modalias-index"
 *                   version  1
 *                   source   { size, mtimeMs (or nil), sha256 } of the alias file
 *                   counts   { entries, modules, fieldEntries, generalEntries }
 *                   body     { length, crc32 } of the body bytes
 *   16+H    rest  body: one msgpack array (typed arrays as msgpackr's typed-array
 *                 extension, little-endian; "uint" = Uint8/16/32Array, the narrowest
 *                 that holds the values)
 *                   [0] modules        module names; id = rank of first alias line
 *                   [1] lines          Uint32Array (entry, line) pairs where the line is
 *                                      not the previous entry's plus one
 *                   [2] modules        Uint32Array (entry, module id) pairs where it changes
 *                   [3] stars          uint, `*` count of each entry
 *                   [4] literals       uint, literal chars of each entry
 *                   [5] trailing       Uint32Array, entries whose field pattern ends in an extra `*`
 *                   [6] tries          one per field prefix: [schema name, prefix,
 *                                      shape, values, leafSize, ids, ties] (see field-trie.ts)
 *                   [7] general        [ids, patterns, normalized (map local id -> string),
 *                                       exactKeys, exact list starts, exact list ids,
 *                                       gramKeys, gram list starts, gram list ids, always]
 *                                      (see general.ts)
 *
 * Entries are in file order. Decoding checks the magic, version, lengths,
 * that the header's counts fit the body (the header has no checksum of its
 * own) and the body's CRC-32 before reading the body, then the body's shape
 * and every id in it,
 * so a file that is not an index, has another version, is truncated or is
 * corrupted is refused with an {@link IndexFormatError}, never used.
 * The output is a function of the input alone: no build time, stable order.
 */
import { crc32 } from "node:zlib";
import { Packr, Unpackr } from "msgpackr";
import type { AliasIndex, SourceInfo } from "./compile.js";
import { packBody, unpackBody } from "./body.js";
import { Malformed } from "./malformed.js";

export const FORMAT_NAME = "modalias-index";
export const FORMAT_VERSION = 1;
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
  source: SourceInfo;
  counts: { entries: number; modules: number; fieldEntries: number; generalEntries: number };
  body: { length: number; crc32: number };
}

const packer = new Packr({ useRecords: false, moreTypes: true, variableMapSize: true });
const bodyReader = new Unpackr({ useRecords: false, moreTypes: true, mapsAsObjects: false });
const headerReader = new Unpackr({ useRecords: false, mapsAsObjects: true });

/** Serialize an index. */
export function encodeIndex(index: AliasIndex): Buffer {
  const body = packer.pack(packBody(index));
  const fieldEntries = index.tries.reduce((n, t) => n + t.trie.ids.length, 0);
  const header: IndexHeader = {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    source: index.source,
    counts: {
      entries: index.entries.line.length,
      modules: index.modules.length,
      fieldEntries,
      generalEntries: index.general.ids.length,
    },
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
export function decodeIndex(bytes: Uint8Array): AliasIndex {
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
    return { source: header.source, ...unpackBody(decoded, header.counts) };
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
function checkCounts({ counts, body }: IndexHeader): void {
  const fits =
    counts.entries <= body.length &&
    counts.modules <= body.length &&
    counts.fieldEntries + counts.generalEntries === counts.entries;
  if (!fits) throw new IndexFormatError("corrupted: the header's counts do not fit the body");
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
  if (typeof value !== "object" || value === null) return false;
  const h = value as Record<string, unknown>;
  const source = h.source as Record<string, unknown> | undefined;
  const counts = h.counts as Record<string, unknown> | undefined;
  const body = h.body as Record<string, unknown> | undefined;
  const count = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;
  return (
    h.format === FORMAT_NAME &&
    h.version === FORMAT_VERSION &&
    typeof source === "object" && source !== null &&
    count(source.size) &&
    (source.mtimeMs === null || typeof source.mtimeMs === "number") &&
    typeof source.sha256 === "string" &&
    typeof counts === "object" && counts !== null &&
    count(counts.entries) && count(counts.modules) && count(counts.fieldEntries) && count(counts.generalEntries) &&
    typeof body === "object" && body !== null &&
    count(body.length) && count(body.crc32)
  );
}
