/**
 * The general structure's filing (general.ts) never hides a match: a pattern
 * written on several lines is tested once and answers for every line; a
 * pattern whose literal runs are all 3 characters long is found by a short
 * piece; siblings filed under one piece (every piece of `ab:...` below is
 * shared) are told apart by their second piece and not lost by it; a pattern's anchor is its normalized literal start, and
 * a pattern with none is never skipped for it. Each key is answered as the
 * linear scan answers it, as compiled and after a trip through the file format.
 */
import { expect, it } from "vitest";
import { compileAliasText } from "../../src/index/build.js";
import { decodeIndex, encodeIndex } from "../../src/index/format.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { expectSameAnswers } from "../helpers/compare.js";
import { LinearScan } from "../helpers/linear.js";

const FILE = Buffer.from(
  [
    "alias of:N*T*Cacme,widget twin_a",
    "alias dmi*:pn*ZGB*: zgb",
    "alias of:N*T*Cacme,widget twin_b",
    "alias platform:acme-gpio gpio_a",
    "alias of:N*T*Cdevantech,srf02 srf02",
    "alias of:N*T*Cdevantech,srf08 srf08",
    "alias of:N*T*Cdevantech,srf10 srf10",
    "alias platform:acme-gpio gpio_b",
    "alias *acme-thing* thing",
    "alias sd-io*:abcd* sdio_abcd",
    "alias acpi*:PNP0C0A:* battery",
    "alias dmi*:pn*ZGB*: zgb_too",
    "alias ab:abcd*wxyz m_aw",
    "alias ab:abcd*pqrs m_ap",
    "alias ab:efgh*wxyz m_ew",
    "alias ab:efgh*pqrs m_ep",
    "",
  ].join("\n"),
  "latin1",
);

/** Keys and the module each must give. */
const KEYS: readonly (readonly [string, string | null])[] = [
  ["of:NxTyCacme,widget", "twin_a"],
  ["platform:acme-gpio", "gpio_a"],
  ["dmi:bvnAcme:pnZGB:", "zgb"],
  ["dmi:bvnAcme:pnZGA:", null],
  ["of:NsonarTCdevantech,srf10", "srf10"],
  ["of:NsonarTCdevantech,srf08", "srf08"],
  ["of:NsonarTCdevantech,srf04", null],
  ["platform:acme-thing", "thing"],
  ["sd-io:abcd", "sdio_abcd"],
  ["sd_io7:abcdef", "sdio_abcd"],
  ["acpi:PNP0C0A:", "battery"],
  ["acpiPNP0C0A:", null],
  ["usb:v0000p0000dacme,widget", null],
  ["ab:abcd-wxyz", "m_aw"],
  ["ab:abcd-pqrs", "m_ap"],
  ["ab:efgh_pqrs", "m_ep"],
  ["ab:abcd-efgh", null],
];

const index = compileAliasText(FILE).index;
const lookups = [new AliasLookup(index), new AliasLookup(decodeIndex(encodeIndex({ aliases: index, builtin: null })))];
const linear = new LinearScan(FILE);

it("answers every key as the linear scan, as compiled and after encoding", () => {
  for (const lookup of lookups) {
    for (const [key, module] of KEYS) {
      expect(lookup.best(key).best?.module ?? null, key).toBe(module);
      expectSameAnswers(lookup, linear, key);
    }
  }
});

it("answers for every line of a pattern written more than once", () => {
  for (const lookup of lookups) {
    expect(lookup.all("of:NxTyCacme,widget").map((m) => m.module)).toEqual(["twin_a", "twin_b"]);
    expect(lookup.all("platform:acme-gpio").map((m) => m.module)).toEqual(["gpio_a", "gpio_b"]);
    expect(lookup.all("dmi:pnZGB:").map((m) => m.module)).toEqual(["zgb", "zgb_too"]);
    expect(lookup.best("of:NxTyCacme,widget")).toMatchObject({ ambiguous: true, tiedWith: "twin_b" });
  }
});
