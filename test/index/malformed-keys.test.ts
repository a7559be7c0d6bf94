/**
 * Keys with a pci:, vfio_pci: or usb: prefix but not the kernel's exact
 * format (a field one digit short or long, an empty last field, a stray
 * `*`, `.` or non-hex character, text after the last field, lowercase hex)
 * are answered exactly as a linear fnmatch scan answers them, whether their
 * lowercase letters are the bus's tags (walked field by field) or not.
 */
import { expect, it } from "vitest";
import { compileAliasText } from "../../src/index/build.js";
import { decodeIndex, encodeIndex } from "../../src/index/format.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { answersOf, expectedAnswers } from "../helpers/compare.js";
import { combinedAliases } from "../helpers/data.js";
import { patternKeys, pciKeys, rng } from "../helpers/keys.js";
import { LinearScan } from "../helpers/linear.js";

const text = combinedAliases();
const linear = new LinearScan(text);
const lookup = new AliasLookup(decodeIndex(encodeIndex({ aliases: compileAliasText(text).index, builtin: null })));

const usbLines = Buffer.from(
  text
    .toString("latin1")
    .split("\n")
    .filter((line) => line.startsWith("alias usb:"))
    .join("\n"),
  "latin1",
);

/** A well-formed key changed at a random place in one of the ways such keys go wrong. */
function mutate(key: string, random: () => number): string {
  const colon = key.indexOf(":") + 1;
  const at = colon + 1 + Math.floor(random() * (key.length - colon - 1));
  const kinds = [
    () => key.slice(0, at) + key.slice(at + 1),
    () => `${key.slice(0, at)}0${key.slice(at)}`,
    () => `${key.slice(0, at)}*${key.slice(at + 1)}`,
    () => `${key.slice(0, at)}G${key.slice(at + 1)}`,
    () => `${key.slice(0, at)}.${key.slice(at)}`,
    () => key.replace(/(i|in)[0-9A-F]{2}$/, "$1"),
    () => `${key}00`,
    () => `${key}X*`,
    () => key.slice(0, colon) + key.slice(colon).replace(/[A-F]/, (c) => c.toLowerCase()),
  ];
  return (kinds[Math.floor(random() * kinds.length)] as () => string)();
}

it("answers 3,000 malformed pci, vfio_pci and usb keys as the linear scan does", () => {
  const random = rng(21);
  const wellFormed = [
    ...pciKeys(600, 22),
    ...pciKeys(600, 23).map((key) => `vfio_pci:${key.slice(key.indexOf(":") + 1)}`),
    ...patternKeys(usbLines, 1800, 24).filter((key) => key.startsWith("usb:")),
  ];
  let matched = 0;
  for (const key of wellFormed.map((k) => mutate(k, random))) {
    const expected = expectedAnswers(linear, key) as { best: unknown };
    if (expected.best !== null) matched++;
    expect(answersOf(lookup, key), key).toEqual(expected);
    const best = lookup.best(key);
    if (best.ambiguous) {
      const tying = linear
        .matches(key)
        .filter((l) => l.stars === best.best?.stars && l.literals === best.best?.literals)
        .map((l) => l.module);
      expect(tying, key).toContain(best.tiedWith);
    }
  }
  expect(matched).toBeGreaterThan(1000);
}, 300_000);

it("answers keys whose tags can be placed in several ways, or in too many to try, as the linear scan does", () => {
  const random = rng(25);
  const usb = patternKeys(usbLines, 400, 26).filter((key) => key.startsWith("usb:"));
  const keys = [
    // Every hex letter lowercase: each is a letter the tags must step over, and `d`, `c` are tag letters.
    ...usb.map((key) => `usb:${key.slice(4).replace(/[A-F]/g, (c) => c.toLowerCase())}`),
    ...pciKeys(200, 27).map((key) => `pci:${key.slice(4).replace(/[A-F]/g, (c) => c.toLowerCase())}`),
    // A tag repeated: the fields can be cut at each copy.
    ...usb.map((key) => key.replace(/dc/, "dcdcdc")),
    ...usb.map((key) => key.replace(/dp/, `dp${(random() * 16) | 0}dp`)),
    // More ways to place the tags than the walk tries, the one that matches (btusb's class alias,
    // usb:v*p*d*dcE0dsc01dp01ic*isc*ip*in*) among the last: the leaves are then found the slow way.
    `usb:v1234p5678d0000${"dc00dsc00dp00".repeat(40)}dcE0dsc01dp01ic00isc00ip00in00`,
    `pci:v00001234d${"d".repeat(200)}sv${"sd".repeat(200)}bc02sc00i00`,
  ];
  let matched = 0;
  for (const key of keys) {
    const expected = expectedAnswers(linear, key) as { best: unknown };
    if (expected.best !== null) matched++;
    expect(answersOf(lookup, key), key).toEqual(expected);
  }
  expect(matched).toBeGreaterThan(300);
}, 300_000);
