/**
 * Realistic query keys for differential tests: device modaliases built from
 * the PCI ID database, and keys derived from the alias file's own patterns
 * (wildcards filled in), plus near misses. Deterministic for a given seed.
 */

import { ANY_VALUE, formatFieldPattern, parseFieldPattern, schemaFor } from "../../src/index/schema.js";
import { parseAliases } from "../../src/parse/aliases.js";
import { pciIds, pciModalias } from "./data.js";

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

/** `count` PCI and vfio_pci modaliases of real devices, subsystems and classes. */
export function pciKeys(count: number, seed: number): string[] {
  const random = rng(seed);
  const ids = pciIds();
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const prefix = random() < 0.5 ? "pci:" : "vfio_pci:";
    const klass = pick(random, ids.classes);
    if (random() < 0.5) {
      const [v, d, sv, sd] = pick(random, ids.subsystems);
      keys.push(pciModalias(prefix, v, d, sv, sd, klass));
    } else {
      const [v, d] = pick(random, ids.devices);
      keys.push(pciModalias(prefix, v, d, random() < 0.3 ? 0 : v, Math.floor(random() * 0x10000), klass));
    }
  }
  return keys;
}

const FILL = "0123456789ABCDEFabcdefghijklmnopqrstuvwxyz:_,.-";

/** Keys made from `count` random patterns of the file: each filled in, and a near miss. */
export function patternKeys(text: Buffer, count: number, seed: number): string[] {
  const random = rng(seed);
  const aliases = parseAliases(text.toString("latin1")).aliases;
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const alias = pick(random, aliases);
    const key = fillPattern(alias.normalized, random);
    keys.push(key);
    const at = Math.floor(random() * key.length);
    keys.push(key.slice(0, at) + pick(random, [...FILL]) + key.slice(at + 1));
  }
  return keys;
}

/** A key the pattern (probably) matches: fields filled with hex, other wildcards with text. */
function fillPattern(pattern: string, random: () => number): string {
  const found = schemaFor(pattern);
  const fields = found && parseFieldPattern(found.schema, found.prefix, pattern);
  if (found && fields) {
    const values = fields.values.map((v, i) =>
      v === ANY_VALUE ? Math.floor(random() * 16 ** Math.min(4, found.schema.fields[i]!.width)) : v,
    );
    return formatFieldPattern(found.schema, found.prefix, values, false);
  }
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "*") {
      const n = Math.floor(random() * 4);
      for (let k = 0; k < n; k++) out += pick(random, [...FILL]);
    } else if (c === "?") out += pick(random, [...FILL]);
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 2);
      const inside = pattern.slice(i + 1, end).replace(/^[!^]/, "");
      out += inside.length > 0 ? pick(random, [...inside.replace(/-/g, "")]) : "x";
      i = end;
    } else if (c === "\\" && i + 1 < pattern.length) out += pattern[++i];
    else out += c;
  }
  return out;
}
