/**
 * kmod 33 stopped reading `*.alias` files in the configuration directories and learned
 * `weakdep`: the configuration is read as the installed kmod reads it (its version asked only
 * when a `*.alias` file or a `weakdep` line is there), and as the newest kmod without a version.
 * Checked against the system's `modprobe -c` and `modprobe --version`.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { readModprobeConfig } from "../../src/files/config-files.js";
import { installedKmodVersion } from "../../src/platform/modprobe.js";
import { kmodConfig, kmodProblems, loggedProblems, MODPROBE, NO_MODPROBE, renderConfig } from "../helpers/modprobe.js";

const scratch = mkdtempSync(join(tmpdir(), "modalias-kmod-version-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const dir = join(scratch, "modprobe.d");
mkdirSync(dir);
writeFileSync(join(dir, "a.conf"), "alias from-conf m1\nweakdep m1 m2\n  weakdep m3 m4\n");
writeFileSync(join(dir, "b.alias"), "alias from-alias-file m2\n");

const read = (version: number | null, asked: number[] = []) =>
  readModprobeConfig({
    paths: [dir],
    procRoot: null,
    kmodVersion: async () => {
      asked.push(version ?? -1);
      return version;
    },
  });

it("reads *.alias files and refuses weakdep for kmod < 33, the reverse for kmod >= 33 and by default", async () => {
  const old = await read(30);
  expect(old.aliases.map((a) => a.pattern)).toEqual(["from_conf", "from_alias_file"]);
  expect(old.problems.map((p) => [p.line, p.reason])).toEqual([
    [2, "ignoring bad line starting with 'weakdep'"],
    [3, "ignoring bad line starting with 'weakdep'"],
  ]);
  for (const newer of [await read(33), await read(null), await readModprobeConfig({ paths: [dir], procRoot: null })]) {
    expect(newer.files).toEqual([join(dir, "a.conf")]);
    expect(newer.aliases.map((a) => a.pattern)).toEqual(["from_conf"]);
    expect(newer.problems).toEqual([]);
  }
});

it("asks for the version only when a *.alias file or a weakdep line is there", async () => {
  const plain = join(scratch, "plain.d");
  mkdirSync(plain);
  writeFileSync(join(plain, "x.conf"), "alias x m\n# weakdep in a comment\n");
  const asked: number[] = [];
  await readModprobeConfig({
    paths: [plain],
    procRoot: null,
    kmodVersion: async () => {
      asked.push(1);
      return 30;
    },
  });
  expect(asked).toEqual([]);
  await read(30, asked);
  expect(asked).toEqual([30]);
});

it.skipIf(MODPROBE === null)(
  `agrees with the installed kmod${MODPROBE === null ? ` (${NO_MODPROBE})` : ""}`,
  async () => {
    const printed = spawnSync(MODPROBE as string, ["--version"], { encoding: "utf8" }).stdout;
    const version = await installedKmodVersion(MODPROBE as string);
    expect(`kmod version ${version}`).toBe(printed.split("\n")[0]);
    const ours = await readModprobeConfig({
      paths: [dir],
      procRoot: null,
      kmodVersion: () => installedKmodVersion(MODPROBE as string),
    });
    const theirs = kmodConfig(MODPROBE as string, [dir], scratch);
    expect(renderConfig(ours, [])).toEqual(theirs.lines.filter((line) => !line.startsWith("blacklist ")));
    expect(loggedProblems(ours)).toEqual(kmodProblems(theirs.errors, scratch));
  },
);

it("has no version without a kmod modprobe", async () => {
  expect(await installedKmodVersion(join(scratch, "no-such-modprobe"))).toBeNull();
  expect(await installedKmodVersion("/bin/true")).toBeNull();
});
