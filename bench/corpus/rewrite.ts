/**
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
 */

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
