/**
 * The module tree's name lists in an index file (format.ts, names.ts): written and read back
 * as compiled; decoded only when a key that can be in a list is looked up (a device key reads
 * none); a crafted list (checksum right, contents wrong) or a header whose list lengths do not
 * fit the body is refused with an IndexFormatError naming the file.
 */
import { crc32 } from "node:zlib";
import { Packr, Unpackr } from "msgpackr";
import { expect, it } from "vitest";
import { compileAliasText, compileNamesText } from "../../src/index/build.js";
import { decodeHeader, decodeIndex, encodeIndex, FORMAT_VERSION, openIndex } from "../../src/index/format.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { SMALL_ALIASES } from "../helpers/small.js";

const DEP = "kernel/drivers/net/ethernet/intel/i40e/i40e.ko.xz: kernel/lib/libie.ko.xz\nkernel/lib/libie.ko.xz:\n";
const SYMBOLS = "# Aliases for symbols, used by symbol_request().\nalias symbol:libie_rx_pt_lut libie\n";
const BUILTIN = "kernel/lib/crc-t10dif.ko\n";
const contents = {
  aliases: compileAliasText(SMALL_ALIASES).index,
  builtin: null,
  names: {
    module: compileNamesText("module", DEP).list,
    symbol: compileNamesText("symbol", SYMBOLS).list,
    "builtin-module": compileNamesText("builtin-module", BUILTIN).list,
  },
};
const bytes = encodeIndex(contents);
const I40E = "pci:v00008086d00001572sv00008086sd00000001bc02sc00i00";

it("reads the lists back as compiled, each answer with its origin and line", () => {
  const lookup = new AliasLookup(decodeIndex(bytes));
  const answer = (key: string): unknown[] => lookup.all(key).map((m) => [m.module, m.origin, m.line]);
  expect(answer("libie")).toEqual([["libie", "module", 2]]);
  expect(answer("symbol:libie_rx_pt_lut")).toEqual([["libie", "symbol", 2]]);
  expect(answer("crc-t10dif")).toEqual([["crc_t10dif", "builtin-module", 1]]);
  expect(answer(I40E)).toEqual([["i40e", "modules.alias", 2]]);
});

const packer = new Packr({ useRecords: false, moreTypes: true, variableMapSize: true });
const reader = new Unpackr({ useRecords: false, mapsAsObjects: true });

/** The file with its symbol list's section replaced by `value`, header lengths and CRC-32 fixed. */
function withSymbols(value: unknown, lengthChange = 0): Buffer {
  const header = decodeHeader(bytes);
  const headLength = bytes.readUInt32BE(12);
  const body = bytes.subarray(16 + headLength);
  const names = header.names;
  if (names?.module == null || names.symbol == null || names["builtin-module"] == null) throw new Error("no lists");
  const start = body.length - names["builtin-module"].length - names.symbol.length;
  const section = packer.pack(value);
  const newBody = Buffer.concat([body.subarray(0, start), section, body.subarray(start + names.symbol.length)]);
  const head = packer.pack({
    ...(reader.unpack(bytes.subarray(16, 16 + headLength)) as object),
    body: { length: newBody.length, crc32: crc32(newBody) },
    names: { ...names, symbol: { ...names.symbol, length: section.length + lengthChange } },
  });
  const preamble = Buffer.alloc(16);
  preamble.write("MODALIAS", 0, "ascii");
  preamble.writeUInt32BE(FORMAT_VERSION, 8);
  preamble.writeUInt32BE(head.length, 12);
  return Buffer.concat([preamble, head, newBody]);
}

it("decodes a list only for a key that can be in it, and refuses a crafted one naming the file", () => {
  const crafted = withSymbols(["symbol:libie_rx_pt_lut", "not a module!", Uint32Array.of(0, 2)]);
  expect(() => decodeIndex(withSymbols(["symbol:libie_rx_pt_lut", "libie", Uint32Array.of(0, 2)]))).not.toThrow();
  const lookup = new AliasLookup(openIndex(crafted, "crafted.index"));
  expect(lookup.best(I40E).best?.module).toBe("i40e");
  expect(lookup.best("libie").best?.module).toBe("libie");
  expect(() => lookup.best("symbol:libie_rx_pt_lut")).toThrow(
    "crafted.index: corrupted: modules.symbols list is malformed",
  );
  for (const value of [
    "symbol:a",
    [1, 2, 3],
    ["libie", null, Uint32Array.of(0, 2)],
    ["", null, Uint32Array.of(0, 2)],
  ]) {
    expect(() => decodeIndex(withSymbols(value)), JSON.stringify(value)).toThrow("corrupted");
  }
});

it("refuses a header whose list lengths do not fit the body", () => {
  const section = ["symbol:libie_rx_pt_lut", "libie", Uint32Array.of(0, 2)];
  for (const change of [-1, 1]) {
    expect(() => openIndex(withSymbols(section, change))).toThrow(
      "corrupted: the header's layout does not fit the body",
    );
  }
});
