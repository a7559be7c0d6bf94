/**
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

import { parseFieldKey, schemaFor } from "../../src/index/schema.js";
import { toKey } from "../../src/kmod/normalize.js";
import { pciIds, pciModalias } from "../../test/helpers/data.js";
import { patternKeys, pciKeys, rng } from "../../test/helpers/keys.js";

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
