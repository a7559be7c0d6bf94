/**
 * Built-in aliases come out in the order libkmod lists them: depmod writes
 * them all with the same priority, so the order is that of libkmod's trie
 * walk, reversed (see src/lookup/kmod-order.ts). The system's depmod writes
 * modules.builtin.alias.bin from random modules.builtin.modinfo files whose
 * aliases share prefixes and wildcards, and `modprobe -R` (with its repeats
 * removed) is compared with `all` for keys that match several of them.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, expect, it } from "vitest";
import { compileAliasText, compileBuiltinText } from "../../src/index/build.js";
import { AliasLookup } from "../../src/lookup/lookup.js";

const tool = (name: string): string | null =>
  ["/usr/sbin", "/sbin", "/usr/bin", "/bin"].map((dir) => join(dir, name)).find((path) => existsSync(path)) ?? null;
const depmod = tool("depmod");
const modprobe = tool("modprobe");
const scratch = mkdtempSync(join(tmpdir(), "modalias-walk-"));
const emptyConfig = join(scratch, "modprobe.d");
mkdirSync(emptyConfig);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const VERSION = "0.0.0-walk";

/** What modprobe -R prints for `key` over a tree whose only aliases are built in. */
function modprobeResolve(root: string, key: string): string[] {
  const run = spawnSync(modprobe as string, ["-d", root, "-S", VERSION, "-C", emptyConfig, "-R", "--", key], {
    encoding: "utf8",
  });
  return run.stdout.split("\n").filter((line) => line !== "");
}

const piece = fc.constantFrom("a", "b", "ab", "ba", "*", "?", "[ab]", "[!a]", "x", "-", "_");
const aliasArb = fc.array(piece, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(""));
const treeArb = fc.record({
  records: fc.array(fc.tuple(fc.constantFrom("m1", "m2", "m3", "m4", "m5"), aliasArb), { minLength: 2, maxLength: 12 }),
  keys: fc.array(
    fc.array(fc.constantFrom("a", "b", "x", "_", "-"), { minLength: 1, maxLength: 5 }).map((k) => k.join("")),
    {
      minLength: 4,
      maxLength: 8,
    },
  ),
});

it.skipIf(depmod === null || modprobe === null)(
  "agrees with depmod + modprobe -R on random built-in aliases",
  () => {
    let run = 0;
    let multi = 0;
    fc.assert(
      fc.property(treeArb, ({ records, keys }) => {
        const root = join(scratch, `t${run++}`);
        const dir = join(root, "lib/modules", VERSION);
        mkdirSync(dir, { recursive: true });
        const modinfo = records.map(([module, alias]) => `${module}.alias=${alias}\0`).join("");
        writeFileSync(join(dir, "modules.builtin.modinfo"), modinfo, "latin1");
        writeFileSync(join(dir, "modules.builtin"), [...new Set(records.map(([m]) => `kernel/${m}.ko\n`))].join(""));
        writeFileSync(join(dir, "modules.order"), "");
        const made = spawnSync(depmod as string, ["-b", root, VERSION], { encoding: "utf8" });
        expect(made.status, made.stderr).toBe(0);
        const lookup = new AliasLookup({
          aliases: compileAliasText("").index,
          builtin: compileBuiltinText(modinfo).index,
        });
        for (const key of keys) {
          const theirs = [...new Set(modprobeResolve(root, key))];
          const ours = lookup.all(key).map((m) => m.module);
          expect(ours, `${key} over ${JSON.stringify(modinfo)}`).toEqual(theirs);
          if (theirs.length > 1) multi++;
        }
        rmSync(root, { recursive: true, force: true });
      }),
      { seed: 20261121, numRuns: 200 },
    );
    expect(multi).toBeGreaterThan(40);
  },
  180_000,
);
