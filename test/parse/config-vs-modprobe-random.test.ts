/**
 * Generated configuration trees read as the system's `modprobe -C ... -c`
 * (kmod) reads them: one to three directories and single files with
 * overlapping names, refused names and subdirectories, holding lines built
 * from commands, names with dashes and brackets, blanks, comments,
 * backslashes, NULs and bytes above 0x7F. Fixed seed, one modprobe run per tree.
 */

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, expect, it } from "vitest";
import { readModprobeConfig } from "../../src/files/config-files.js";
import { installedKmodVersion } from "../../src/platform/modprobe.js";
import {
  hostKernelBlacklist,
  kmodConfig,
  kmodProblems,
  loggedProblems,
  MODPROBE,
  NO_MODPROBE,
  renderConfig,
} from "../helpers/modprobe.js";

const scratch = mkdtempSync(join(tmpdir(), "modalias-kmod-random-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const command = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("alias", "blacklist", "install") },
  { weight: 1, arbitrary: fc.constantFrom("options", "remove", "softdep", "include", "bogus", "#") },
);
const word = fc.constantFrom("a-b", "x[0-9]-y", "m[", "n]", "p*q", "vfio-pci", "[-]-", "caf\xe9", "/bin/true", "pre:");
const blank = fc.constantFrom(" ", "\t", "  ");
const odd = fc.constantFrom("\\", "\\\n", "\n", "#", "\0", "\r", "\\-");
const line = fc
  .tuple(
    fc.constantFrom("", "", " ", "\t"),
    command,
    fc.array(
      fc.oneof({ weight: 5, arbitrary: fc.tuple(blank, word) }, { weight: 1, arbitrary: fc.tuple(blank, odd) }),
      {
        minLength: 1,
        maxLength: 4,
      },
    ),
  )
  .map(([lead, cmd, rest]) => lead + cmd + rest.map(([sep, text]) => sep + text).join(""));
const text = fc
  .array(line, { maxLength: 6 })
  .chain((lines) => fc.constantFrom("\n", "").map((end) => lines.join("\n") + end));

const name = fc.constantFrom("a.conf", "b.conf", "a.alias", "B.conf", "_u.conf", ".h.conf", "x.txt", "conf");
const directory = fc.record({
  files: fc.dictionary(name, text, { maxKeys: 4 }),
  subdirectory: fc.boolean(),
});
const path = fc.oneof(
  { weight: 3, arbitrary: directory.map((dir) => ({ kind: "directory" as const, ...dir })) },
  {
    weight: 1,
    arbitrary: fc.tuple(name, text).map(([file, body]) => ({ kind: "file" as const, name: file, text: body })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "missing" as const }) },
);
const trees = fc.sample(fc.array(path, { minLength: 1, maxLength: 3 }), { seed: 30, numRuns: 60 });

/** Writes one generated tree and returns its configured paths. */
function write(tree: (typeof trees)[number], n: number): string[] {
  return tree.map((entry, k) => {
    const base = join(scratch, `tree-${n}`, `p${k}`);
    if (entry.kind === "missing") return base;
    mkdirSync(base, { recursive: true });
    if (entry.kind === "file") {
      const file = join(base, entry.name);
      writeFileSync(file, Buffer.from(entry.text, "latin1"));
      return file;
    }
    for (const [file, body] of Object.entries(entry.files))
      writeFileSync(join(base, file), Buffer.from(body, "latin1"));
    if (entry.subdirectory) mkdirSync(join(base, "sub.conf"));
    return base;
  });
}

const reason = MODPROBE === null ? ` (skipped: ${NO_MODPROBE})` : "";
if (MODPROBE === null) console.warn(`skipping the comparison with kmod: ${NO_MODPROBE}`);

it.skipIf(MODPROBE === null)(
  `agrees with modprobe -c on ${trees.length} generated trees${reason}`,
  async () => {
    if (MODPROBE === null) return;
    const host = hostKernelBlacklist();
    let lines = 0;
    let problems = 0;
    for (const [n, tree] of trees.entries()) {
      const paths = write(tree, n);
      const ours = await readModprobeConfig({
        paths,
        procRoot: null,
        kmodVersion: () => installedKmodVersion(MODPROBE as string),
      });
      const theirs = kmodConfig(MODPROBE, paths, scratch);
      expect(renderConfig(ours, host), `tree ${n}`).toEqual(theirs.lines);
      expect(loggedProblems(ours), `tree ${n}`).toEqual(kmodProblems(theirs.errors, scratch));
      lines += theirs.lines.length;
      problems += theirs.errors.length;
    }
    expect(lines).toBeGreaterThan(100);
    expect(problems).toBeGreaterThan(100);
  },
  60_000,
);
