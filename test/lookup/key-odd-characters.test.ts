/**
 * Odd keys get the linear scan's answers on the real Debian file: the empty
 * key, control characters, glob characters (`*`, `?`, brackets: they are
 * matched as text, or rejected with kmod's "unmatched bracket"), `-` (read
 * as `_`), spaces and non-ASCII text.
 */
import { expect, it } from "vitest";
import { compileAliasText } from "../../src/index/build.js";
import { InvalidKeyError } from "../../src/kmod/normalize.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { expectSameAnswers } from "../helpers/compare.js";
import { combinedAliases } from "../helpers/data.js";
import { LinearScan } from "../helpers/linear.js";

const text = combinedAliases();
const lookup = new AliasLookup(compileAliasText(text).index);
const linear = new LinearScan(text);
const PCI = "pci:v00008086d00001572sv00008086sd00000001bc02sc00i00";

const KEYS = [
  "",
  " ",
  "\n",
  "\t\r\x01\x1b\x7f",
  `${PCI}\n`,
  `\x1b[31m${PCI}`,
  "*",
  "?",
  "pci:*",
  "pci:v*d*sv*sd*bc*sc*i*",
  "vfio_pci:v*d*sv*sd*bc*sc*i*",
  "usb:v*p*d*dc*dsc*dp*ic*isc*ip*in*",
  "acpi*:PNP0C0A:*",
  "[a]",
  "pci:[",
  "pci:]",
  "pci:v[0-9]",
  "\\",
  "vfio-pci:v000015B3d0000101Esv000015B3sd00000001bc02sc00i00",
  "usb:v13FDp3940d0100dc00dsc00dp00ic08isc06ip50in00-",
  "of:N\u00e9T\u00ffC",
  "\u{1F600}",
];

it("answers odd keys as the linear scan does", () => {
  for (const key of KEYS) expectSameAnswers(lookup, linear, key);
});

it("rejects keys with an unmatched bracket, naming the reason", () => {
  expect(() => lookup.best("pci:[")).toThrow(new InvalidKeyError("pci:[", "unmatched bracket"));
  expect(() => lookup.best("pci:]")).toThrow(InvalidKeyError);
  expect(lookup.best("").best).toBeNull();
});
