/**
 * Debian kmod's own modprobe.d file (data/modprobe.d/aliases.conf: `options`
 * and `softdep` lines, no alias or blacklist) reads without a problem, and
 * gives the alias, blacklist and install lines `modprobe -C FILE -c` (kmod)
 * gives for it: none besides the host's command-line blacklist.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { readModprobeConfig } from "../../src/files/config-files.js";
import { parseModprobeConfig } from "../../src/parse/modprobe-config.js";
import { installedKmodVersion } from "../../src/platform/modprobe.js";
import { DATA } from "../helpers/data.js";
import {
  hostKernelBlacklist,
  kmodConfig,
  kmodProblems,
  MODPROBE,
  NO_MODPROBE,
  renderConfig,
} from "../helpers/modprobe.js";

const file = `${DATA}modprobe.d/aliases.conf`;
const scratch = mkdtempSync(join(tmpdir(), "modalias-kmod-aliases-conf-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it("parses Debian's aliases.conf with no problem and nothing recorded", () => {
  const text = readFileSync(file, "latin1");
  expect(text.split("\n").filter((line) => /^(options|softdep) /.test(line))).toHaveLength(7);
  expect(parseModprobeConfig(text, file)).toEqual({
    file,
    aliases: [],
    blacklists: [],
    installs: [],
    removes: [],
    problems: [],
  });
});

const reason = MODPROBE === null ? ` (skipped: ${NO_MODPROBE})` : "";
it.skipIf(MODPROBE === null)(`agrees with modprobe -c on it${reason}`, async () => {
  if (MODPROBE === null) return;
  const theirs = kmodConfig(MODPROBE, [file], scratch);
  const ours = await readModprobeConfig({
    paths: [file],
    procRoot: null,
    kmodVersion: () => installedKmodVersion(MODPROBE as string),
  });
  expect(ours.files).toEqual([file]);
  expect(renderConfig(ours, hostKernelBlacklist())).toEqual(theirs.lines);
  expect(kmodProblems(theirs.errors, file)).toEqual([]);
  expect(ours.problems).toEqual([]);
});
