/**
 * Reading configuration trees gives what the system's `modprobe -C ... -c`
 * (kmod) prints for them: the same blacklist, install and alias lines in the
 * same order, and the same bad lines and refused entries in its log. The
 * trees overlap names across directories and single files, and hold
 * dotfiles, other suffixes, subdirectories, links, continuations, escapes,
 * brackets, NULs, bytes above 0x7F and bad lines. (No dangling link: kmod
 * decides whether one is a directory from a stat buffer the failed call left
 * as it was, so its answer depends on the entry listed before.)
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
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

const scratch = mkdtempSync(join(tmpdir(), "modalias-kmod-trees-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes `files` (relative path to latin1 text) under a new tree directory. */
function tree(name: string, files: Record<string, string>): string {
  const root = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), Buffer.from(text, "latin1"));
  }
  return root;
}

const overlap = tree("overlap", {
  "d1/x.conf": "alias from-d1-x m\n",
  "d1/b.alias": "alias from-d1-b m\n",
  "d1/.hidden.conf": "alias hidden m\n",
  "d1/notes.txt": "alias notes m\n",
  "d1/sub.conf/inner.conf": "alias inner m\n",
  "d2/x.conf": "alias from-d2-x m\n",
  "d2/a.conf": "blacklist from-d2-a\n",
  "d2/B.conf": "blacklist upper-b\n",
  "d2/_u.conf": "install u-mod /bin/true\n",
  "d2/sub.conf": "alias from-d2-sub m\n",
  "d2/linked.conf": "alias from-d2-linked m\n",
  "d3/x.conf": "alias from-d3-x m\n",
  "d3/y.conf": "alias hidden-by-single m\n",
  "single/y.conf": "alias from-single-y m\n",
  "single/odd-name": "blacklist from-odd-name\n",
  "elsewhere/z.conf": "alias through-dir-link m\n",
});
symlinkSync(join(overlap, "elsewhere"), join(overlap, "d1/linked.conf"));

const syntax = tree("syntax", {
  "s/lines.conf": [
    "# comment\n",
    "  # not a comment\n",
    "alias cont\\\ninued-x \\\n  mod-y\n",
    "alias e\\*x mod\n",
    "alias x[a-b]-y m-n\n",
    "alias p[a-b m-q\n",
    "blacklist q-r extra words\n",
    "blacklist a]-b\n",
    "alias a[[-]-b m\n",
    "install m  \t /bin/true  x-y \t \n",
    "install n \n",
    "install o  \n",
    "options m-a x-y\n",
    "remove r-a y-z\n",
    "softdep s-a pre: a-b\n",
    "options m\n",
    "include foo\n",
    "config bar\n",
    "frobnicate x\n",
    "alias q\0z m\n",
    "alias r m\0tail\n",
    "blacklist x\r\n",
    "alias caf\xe9-\xff m\xe9\n",
    "\t\n",
    "\\\n",
    "alias a m\\\\\\\nb\n",
    "alias end mod\\",
  ].join(""),
  "s/no-newline.conf": "blacklist last-line",
  "s/empty.conf": "",
  "s/comments.conf": "# only\n#comments\n",
});

const cases: [string, string[]][] = [
  [
    "overlapping directories, single files, links and refused entries",
    [
      join(overlap, "d1"),
      join(overlap, "single/y.conf"),
      join(overlap, "missing"),
      join(overlap, "d2"),
      join(overlap, "single/odd-name"),
      join(overlap, "d3"),
    ],
  ],
  ["every kind of line, good and bad", [join(syntax, "s")]],
];

const reason = MODPROBE === null ? ` (skipped: ${NO_MODPROBE})` : "";
if (MODPROBE === null) console.warn(`skipping the comparison with kmod: ${NO_MODPROBE}`);

describe("configuration trees vs modprobe -c", () => {
  for (const [name, paths] of cases) {
    it.skipIf(MODPROBE === null)(`${name}${reason}`, async () => {
      if (MODPROBE === null) return;
      const ours = await readModprobeConfig({
        paths,
        procRoot: null,
        kmodVersion: () => installedKmodVersion(MODPROBE as string),
      });
      const theirs = kmodConfig(MODPROBE, paths, scratch);
      expect(theirs.lines.length).toBeGreaterThan(5);
      expect(renderConfig(ours, hostKernelBlacklist())).toEqual(theirs.lines);
      expect(loggedProblems(ours)).toEqual(kmodProblems(theirs.errors, scratch));
    });
  }
});
