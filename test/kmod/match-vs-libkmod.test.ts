/**
 * Normalization and matching together, end to end against the real modprobe: for keys built
 * from the real Debian alias patterns (raw, with `-`, and slightly changed), the modules found
 * by normalizing the key and matching it against every normalized pattern of modules.alias
 * (then, if none, of the built-in aliases) equal what the system's libkmod finds in the
 * binary indexes depmod wrote for the same kernel.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { type CompiledPattern, compilePattern, matchPattern } from "../../src/kmod/fnmatch.js";
import { normalizeAlias } from "../../src/kmod/normalize.js";
import { openKmod } from "../helpers/libkmod.js";

const DATA = new URL("../../data/debian-6.12.107-amd64/", import.meta.url);
const read = (name: string): Buffer => gunzipSync(readFileSync(new URL(`${name}.gz`, DATA)));

const scratch = mkdtempSync(join(tmpdir(), "modalias-kmod-"));
const config = join(scratch, "modprobe.d");
mkdirSync(config);
for (const index of ["alias", "dep", "symbols", "builtin", "builtin.alias"]) {
  writeFileSync(join(scratch, `modules.${index}.bin`), read(`modules.${index}.bin`));
}
const kmod = await openKmod(scratch, config);
if (typeof kmod === "string") console.warn(`skipping the end-to-end test against libkmod: ${kmod}`);
afterAll(() => {
  if (typeof kmod !== "string") kmod.close();
  rmSync(scratch, { recursive: true, force: true });
});

interface Alias {
  raw: string;
  compiled: CompiledPattern;
  module: string;
}

/** Alias lines as (raw pattern, module); invalid patterns are dropped, as depmod does. */
function aliases(pairs: Array<[string, string]>): Alias[] {
  return pairs.flatMap(([raw, module]) => {
    const pattern = normalizeAlias(raw);
    return pattern.ok ? [{ raw, compiled: compilePattern(pattern.value), module }] : [];
  });
}

const moduleAliases = aliases(
  read("modules.alias")
    .toString("latin1")
    .split("\n")
    .filter((line) => line.startsWith("alias "))
    .map((line): [string, string] => {
      const [, pattern = "", module = ""] = line.split(" ");
      return [pattern, module];
    }),
);
const builtinAliases = aliases(
  read("modules.builtin.modinfo")
    .toString("latin1")
    .split("\0")
    .filter((entry) => /^[^.=]+\.alias=/.test(entry))
    .map((entry): [string, string] => [entry.slice(entry.indexOf("=") + 1), entry.slice(0, entry.indexOf("."))]),
);

/** What modprobe finds for a bus key: module aliases first, built-in aliases otherwise. */
function ourLookup(key: string): string[] | number {
  const normalized = normalizeAlias(key);
  if (!normalized.ok) return -22; // -EINVAL
  for (const table of [moduleAliases, builtinAliases]) {
    const found = table.filter((alias) => matchPattern(alias.compiled, normalized.value)).map((alias) => alias.module);
    if (found.length > 0) return found;
  }
  return [];
}

/** A key shaped by a raw pattern: `*` becomes a short run, `?` and brackets one byte. */
function keyFor(pattern: string, filler: string): string {
  return pattern.replace(
    /\[([!^]?)([^\]]*)\]|\*|\?/g,
    (token, negation: string | undefined, body: string | undefined) => {
      if (token === "*") return filler;
      if (token === "?") return "7";
      return negation === "" && body !== undefined && body !== "" ? body.charAt(0) : "Z";
    },
  );
}

const sample = moduleAliases
  .filter((_, i) => i % 100 === 0)
  .concat(moduleAliases.filter((a) => /[[-]/.test(a.raw)).slice(0, 80));
const keys = [
  ...sample.flatMap((alias) => [keyFor(alias.raw, ""), keyFor(alias.raw, "0A"), `${keyFor(alias.raw, "1")}x`]),
  ...builtinAliases.map((alias) => keyFor(alias.raw, "")),
  "pci:v00008086d000010D3sv00008086sd0000A01Fbc02sc00i00",
  "usb:v0D96p410Ad0005dc00dsc00dp00ic08isc06ip50in00",
  "of:NfooTbarCsnps,dwxgmac-2.10",
  "usb:v1]",
  "usb:v1[",
].filter((key) => key.includes(":")); // no module names: modprobe looks those up elsewhere first

describe.skipIf(typeof kmod === "string")("lookups against the system's libkmod", () => {
  it(`finds the same modules for ${keys.length} keys built from real aliases`, () => {
    if (typeof kmod === "string") return;
    const sorted = (result: string[] | number) => (typeof result === "number" ? result : [...result].sort());
    const results = keys.map((key) => ({ key, ours: sorted(ourLookup(key)), libkmod: sorted(kmod.lookup(key)) }));
    const wrong = results.filter(({ ours, libkmod }) => JSON.stringify(ours) !== JSON.stringify(libkmod));
    expect(wrong).toEqual([]);
    const found = results.filter(({ ours }) => typeof ours !== "number" && ours.length > 0);
    expect(found.length).toBeGreaterThan(keys.length / 3);
    expect(found.filter(({ key }) => key.includes("-")).length).toBeGreaterThan(10);
    expect(results.filter(({ ours }) => ours === -22).length).toBeGreaterThan(0);
  });
});
