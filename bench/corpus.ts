/**
 * The alias files every measurement uses, written to a scratch directory:
 *
 *   real    Debian 6.12's modules.alias with the vfio variant lines (the tests' file);
 *   debian  Debian 6.12's modules.alias as depmod wrote it (libkmod's file);
 *   100k, 300k, 1M
 *           synthetic files of that many alias lines grown from `real`
 *           (synthetic.ts, seed 1).
 *
 * Deterministic synthetic alias files of a chosen number of alias lines,
 * grown from a real modules.alias.
 *
 * Copy 0 is the real file's alias lines as they are; copy k (k >= 1) repeats
 * them in order with each pattern rewritten by rewritePattern (new vendor and
 * device ids, new names; same shape, stars and literal count) and each module
 * named `<module>_s<k>`. Copies follow each other until the requested number
 * of alias lines is reached (the last copy is cut). The bus mix is therefore
 * the real file's, and queries built from the real file still find their
 * real lines (in copy 0) among many more candidates.
 *
 * Randomness is the mulberry32 PRNG of the test helpers, seeded with `seed`:
 * the output depends only on (source file, line count, seed).
 *
 * Rewriting one alias pattern into a new pattern of the same shape, for the
 * synthetic alias files (see synthetic.ts).
 *
 *   pci:, vfio_pci:  the vendor (v) and device (d) values, when literal, become
 *                    random 16-bit ids (%08X), as for a new device;
 *   usb:             the vendor (v) and product (p) values, when literal,
 *                    become random 16-bit ids (%04X);
 *   everything else  after the bus prefix (up to the first `:`) and outside
 *                    brackets, every run of 2+ chars of [0-9A-Z] is rewritten
 *                    char by char (digit to digit, A-F to A-F, G-Z to G-Z) and
 *                    every run of 4+ lowercase letters to random lowercase
 *                    letters; shorter runs (tags such as dmi's `svn`, of's
 *                    `N`/`T`/`C`), wildcards, brackets and punctuation stay.
 *
 * Lengths, wildcards and the positions of literals never change, so a
 * rewritten pattern keeps the original's stars, literal count and shape.
 *
 * The query sets, the same for every contender and every alias file, built
 * from the real file (Debian 6.12 + vfio variants) with the tests' key
 * generators, all deterministic:
 *
 *   vfio_pci  real devices from pci.ids as `vfio_pci:` modaliases, with the
 *             vfio variant drivers' device ids mixed in (one key in 8);
 *   pci       real devices from pci.ids as `pci:` modaliases;
 *   usb, acpi, of, dmi
 *             keys filled in from the file's own patterns of that bus (half
 *             of them as generated, half one char changed: near misses);
 *   misses    keys from the file's patterns with one char changed that match
 *             nothing in the real file;
 *   mixed     all of the above, shuffled;
 *   malformed the keys of the sets above that have a pci:, vfio_pci: or usb:
 *             prefix but not the kernel's exact format for that bus (a
 *             near miss with a lowercase or non-hex char, a broken tag):
 *             not a set of its own, a view that isolates their cost.
 *
 * Keys kmod would reject (unmatched brackets) are left out.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseFieldKey, schemaFor } from "../src/index/schema.js";
import { toKey } from "../src/kmod/normalize.js";
import { combinedAliases, debianAliases, pciIds, pciModalias } from "../test/helpers/data.js";
import { patternKeys, pciKeys, rng } from "../test/helpers/keys.js";

export const SYNTHETIC_SEED = 1;

export interface AliasFile {
  name: string;
  /** Alias lines in the file. */
  lines: number;
  text: Buffer;
  /** Where the text was written. */
  path: string;
}

const SIZES: readonly [string, number][] = [
  ["100k", 100_000],
  ["300k", 300_000],
  ["1M", 1_000_000],
];

const aliasLines = (text: Buffer): number =>
  text
    .toString("latin1")
    .split("\n")
    .filter((l) => l.startsWith("alias ")).length;

export function writeAliasFiles(dir: string): AliasFile[] {
  const real = combinedAliases();
  const sources: [string, Buffer][] = [
    ["real", real],
    ["debian", debianAliases()],
    ...SIZES.map(([name, lines]): [string, Buffer] => [name, syntheticAliases(real, lines, SYNTHETIC_SEED)]),
  ];
  return sources.map(([name, text]) => {
    const path = join(dir, `${name}.modules.alias`);
    writeFileSync(path, text);
    return { name, lines: aliasLines(text), text, path };
  });
}

const HEADER = "# Aliases extracted from modules themselves.";

/** The `alias PATTERN MODULE` lines of a file, as [pattern, module] pairs. */
export function aliasPairs(text: Buffer): [string, string][] {
  const pairs: [string, string][] = [];
  for (const line of text.toString("latin1").split("\n")) {
    if (!line.startsWith("alias ")) continue;
    const space = line.indexOf(" ", 6);
    pairs.push([line.slice(6, space), line.slice(space + 1)]);
  }
  return pairs;
}

/** A modules.alias of `lines` alias lines grown from `source`. */
export function syntheticAliases(source: Buffer, lines: number, seed: number): Buffer {
  const pairs = aliasPairs(source);
  const random = rng(seed);
  const out: string[] = [HEADER];
  for (let n = 0; n < lines; n++) {
    const copy = Math.floor(n / pairs.length);
    const [pattern, module] = pairs[n % pairs.length] as [string, string];
    out.push(copy === 0 ? `alias ${pattern} ${module}` : `alias ${rewritePattern(pattern, random)} ${module}_s${copy}`);
  }
  out.push("");
  return Buffer.from(out.join("\n"), "latin1");
}

type Random = () => number;

const DIGITS = "0123456789";
const HEX_LETTERS = "ABCDEF";
const OTHER_UPPER = "GHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";

const pick = (random: Random, chars: string): string => chars[Math.floor(random() * chars.length)] as string;
const hexId = (random: Random, width: number): string =>
  Math.floor(random() * 0x10000)
    .toString(16)
    .toUpperCase()
    .padStart(width, "0");

const PCI = /^((?:pci|vfio_pci):v)([0-9A-F]{8}|\*)(d)([0-9A-F]{8}|\*)/;
const USB = /^(usb:v)([0-9A-F]{4}|\*)(p)([0-9A-F]{4}|\*)/;

/** A pattern of the same shape as `pattern`, with new ids and names. */
export function rewritePattern(pattern: string, random: Random): string {
  const fields = pattern.match(PCI) ?? pattern.match(USB);
  if (fields) {
    const [whole, head = "", vendor = "", tag = "", device = ""] = fields;
    const width = vendor === "*" ? device.length : vendor.length;
    const id = (value: string): string => (value === "*" ? "*" : hexId(random, width));
    return head + id(vendor) + tag + id(device) + pattern.slice(whole.length);
  }
  const colon = pattern.indexOf(":");
  return pattern.slice(0, colon + 1) + rewriteLiterals(pattern.slice(colon + 1), random);
}

/** The free-form rule: runs of upper/digits (2+) and of lowercase (4+), outside brackets. */
function rewriteLiterals(text: string, random: Random): string {
  let out = "";
  let at = 0;
  while (at < text.length) {
    const c = text[at] as string;
    if (c === "[") {
      const end = text.indexOf("]", at + 2);
      const stop = end < 0 ? text.length : end + 1;
      out += text.slice(at, stop);
      at = stop;
      continue;
    }
    if (c === "\\") {
      out += text.slice(at, at + 2);
      at += 2;
      continue;
    }
    const upper = runLength(text, at, /[0-9A-Z]/);
    if (upper >= 2) {
      for (const ch of text.slice(at, at + upper)) out += rewriteUpper(ch, random);
      at += upper;
      continue;
    }
    const lower = runLength(text, at, /[a-z]/);
    if (lower >= 4) {
      for (let k = 0; k < lower; k++) out += pick(random, LOWER);
      at += lower;
      continue;
    }
    const keep = Math.max(1, upper, lower);
    out += text.slice(at, at + keep);
    at += keep;
  }
  return out;
}

function runLength(text: string, from: number, chars: RegExp): number {
  let end = from;
  while (end < text.length && chars.test(text[end] as string)) end++;
  return end - from;
}

function rewriteUpper(ch: string, random: Random): string {
  if (DIGITS.includes(ch)) return pick(random, DIGITS);
  if (HEX_LETTERS.includes(ch)) return pick(random, HEX_LETTERS);
  return pick(random, OTHER_UPPER);
}

export const SET_NAMES = ["vfio_pci", "pci", "usb", "acpi", "of", "dmi", "misses", "mixed", "malformed"] as const;
export type SetName = (typeof SET_NAMES)[number];
export type QuerySets = Record<SetName, string[]>;

/** Device ids of the vfio variant drivers (vendor, device). */
export const VARIANT_IDS: readonly [number, number][] = [
  [0x15b3, 0x101e],
  [0x1dd8, 0x1003],
  [0x8086, 0x4941],
  [0x8086, 0x4943],
  [0x8086, 0x4945],
  [0x19e5, 0xa251],
  [0x19e5, 0xa256],
  [0x19e5, 0xa259],
  [0x1af4, 0x1041],
  [0x10de, 0x2342],
  [0x10de, 0x2345],
];

const valid = (key: string): boolean => {
  try {
    toKey(key);
    return true;
  } catch {
    return false;
  }
};

/** Whether a key has a field bus's prefix but not its exact format. */
function malformed(key: string): boolean {
  const found = schemaFor(key);
  return found !== null && parseFieldKey(found.schema, found.prefix, key) === null;
}

/** Alias lines of `text` whose pattern starts with one of `prefixes`. */
function linesOf(text: Buffer, prefixes: readonly string[]): Buffer {
  const lines = text
    .toString("latin1")
    .split("\n")
    .filter((line) => prefixes.some((p) => line.startsWith(`alias ${p}`)));
  return Buffer.from(`${lines.join("\n")}\n`, "latin1");
}

function vfioKeys(count: number, seed: number): string[] {
  const random = rng(seed);
  const classes = pciIds().classes;
  const devices = pciKeys(count, seed).map((key) => `vfio_pci:${key.slice(key.indexOf(":") + 1)}`);
  return devices.map((key, i) => {
    if (i % 8 !== 0) return key;
    const [v, d] = VARIANT_IDS[(i / 8) % VARIANT_IDS.length] as [number, number];
    const klass = classes[Math.floor(random() * classes.length)] as [number, number, number];
    return pciModalias("vfio_pci:", v, d, v, Math.floor(random() * 0x10000), klass);
  });
}

/**
 * Build every set with `count` keys (fewer for misses if the file has not
 * enough). `isMiss` tells whether a key matches nothing in the real file.
 */
export function buildQuerySets(text: Buffer, count: number, isMiss: (key: string) => boolean): QuerySets {
  const bus = (prefixes: string[], seed: number): string[] =>
    patternKeys(linesOf(text, prefixes), count, seed).filter(valid).slice(0, count);
  const misses: string[] = [];
  for (let seed = 100; seed < 110 && misses.length < count; seed++) {
    const keys = patternKeys(text, count * 2, seed).filter((key, i) => i % 2 === 1 && valid(key));
    for (const key of keys) if (misses.length < count && isMiss(key)) misses.push(key);
  }
  const sets = {
    vfio_pci: vfioKeys(count, 11),
    pci: pciKeys(count, 12).map((key) => `pci:${key.slice(key.indexOf(":") + 1)}`),
    usb: bus(["usb:"], 13),
    acpi: bus(["acpi"], 14),
    of: bus(["of:"], 15),
    dmi: bus(["dmi"], 16),
    misses,
  };
  const mixed = Object.values(sets).flat();
  const random = rng(17);
  for (let i = mixed.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [mixed[i], mixed[j]] = [mixed[j] as string, mixed[i] as string];
  }
  return { ...sets, mixed, malformed: mixed.filter(malformed) };
}
