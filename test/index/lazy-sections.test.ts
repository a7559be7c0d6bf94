/**
 * openIndex (what `modalias match --index` uses) checks the preamble, the
 * header and the body's CRC-32 at once and decodes each section when a lookup
 * first needs it: its answers equal decodeIndex's on every key, a section no
 * lookup needs is never read, a malformed one is refused when it is, and an
 * index of the previous format version is refused with "compile the index
 * again".
 */
import { crc32 } from "node:zlib";
import { Packr } from "msgpackr";
import { expect, it } from "vitest";
import { compileAliasText } from "../../src/index/build.js";
import {
  decodeHeader,
  decodeIndex,
  encodeIndex,
  FORMAT_VERSION,
  IndexFormatError,
  openIndex,
} from "../../src/index/format.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { answersOf } from "../helpers/compare.js";
import { combinedAliases } from "../helpers/data.js";
import { patternKeys, pciKeys } from "../helpers/keys.js";
import { SMALL_KEYS, smallIndex } from "../helpers/small.js";

const packer = new Packr({ useRecords: false, moreTypes: true, variableMapSize: true });

it("answers as the fully decoded index on real keys of every kind", () => {
  const text = combinedAliases();
  const bytes = encodeIndex({ aliases: compileAliasText(text).index, builtin: null });
  const eager = new AliasLookup(decodeIndex(bytes));
  const keys = [...pciKeys(300, 3), ...patternKeys(text, 1500, 4)];
  // A fresh lazy index per key class, so that each class is answered from a cold start too.
  for (const batch of [keys.slice(0, 300), keys.slice(300)]) {
    const lazy = new AliasLookup(openIndex(bytes));
    for (const key of batch) expect(answersOf(lazy, key), key).toEqual(answersOf(eager, key));
  }
});

/** The small index with the bytes of section `n` of its part replaced by garbage of the same length (CRC fixed up). */
function damagedSection(n: number): Buffer {
  const bytes = smallIndex();
  const header = decodeHeader(bytes);
  const bodyStart = 16 + bytes.readUInt32BE(12);
  const sections = header.layout[0]?.sections as number[];
  const start = bodyStart + sections.slice(0, n).reduce((a, b) => a + b, 0);
  const out = Buffer.from(bytes);
  out.fill(0xc1, start, start + (sections[n] as number));
  const body = out.subarray(bodyStart);
  const head = packer.pack({ ...header, body: { length: body.length, crc32: crc32(body) } });
  const preamble = Buffer.from(out.subarray(0, 16));
  preamble.writeUInt32BE(head.length, 12);
  return Buffer.concat([preamble, head, body]);
}

it("reads only the sections a lookup needs, and refuses a bad one when it is needed", () => {
  // Sections 1 and 2 hold the general structure: a well-formed pci key never needs it when its
  // trie's direct list is empty (no general pattern can match a pci key).
  for (const n of [1, 2]) {
    const data = damagedSection(n);
    expect(() => decodeIndex(data)).toThrow(IndexFormatError);
    const lookup = new AliasLookup(openIndex(data));
    const [pciKey, pciModule] = SMALL_KEYS[0] as readonly [string, string];
    expect(lookup.best(pciKey).best?.module).toBe(pciModule);
    expect(() => lookup.best("acpi:PNP0C0A:")).toThrow(/^corrupted: a section does not decode/);
  }
});

it("checks the whole body's CRC-32 when opening", () => {
  const bytes = Buffer.from(smallIndex());
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 1;
  expect(() => openIndex(bytes)).toThrow("corrupted: body checksum mismatch");
});

it("refuses the previous format version, saying to compile again", () => {
  const bytes = Buffer.from(smallIndex());
  bytes.writeUInt32BE(FORMAT_VERSION - 1, 8);
  expect(() => openIndex(bytes)).toThrow(
    `index format version ${FORMAT_VERSION - 1}; this modalias reads version ${FORMAT_VERSION} (compile the index again)`,
  );
});
