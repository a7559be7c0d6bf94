/**
 * `match --all` over a kernel tree equals `modprobe -R` through kmod's whole chain: the Debian
 * 6.12 tree (depmod's text and binary files side by side) with a configuration of aliases and
 * `install`/`remove` commands, the tree read directly and through its compiled index; a kernel
 * without modules.alias answered from the configuration alone; and the warning when a text file
 * is newer than the binary file kmod reads.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { DATA } from "../helpers/data.js";
import { MODPROBE, NO_MODPROBE } from "../helpers/modprobe.js";
import { scratch } from "../helpers/scratch.js";

const VERSION = "6.12.107-test";
const tmp = scratch();
afterAll(() => tmp.remove());
const dir = join(tmp.dir, "lib/modules", VERSION);
mkdirSync(dir, { recursive: true });
const FILES = ["alias", "dep", "symbols", "builtin", "builtin.modinfo"].flatMap((name) =>
  name === "builtin.modinfo" ? [`modules.${name}`] : [`modules.${name}`, `modules.${name}.bin`],
);
const OLD = 1_700_000_000;
for (const file of [...FILES, "modules.builtin.alias.bin"]) {
  writeFileSync(join(dir, file), gunzipSync(readFileSync(`${DATA}debian-6.12.107-amd64/${file}.gz`)));
  utimesSync(join(dir, file), OLD, OLD);
}
const config = join(tmp.dir, "modprobe.d");
mkdirSync(config);
writeFileSync(
  join(config, "chain.conf"),
  [
    "alias nvme-alias nvme",
    "install fs-ext4 /bin/true",
    "remove fs-vfat /bin/true",
    "install fs-vfat /bin/false",
    "remove fs-xfs /bin/true",
    "install aegis128 /bin/true",
    "",
  ].join("\n"),
);

const KEYS = [
  "aegis128", // modules.dep, before the install line and modules.alias's aegis128 line
  "nhpoly1305",
  "aegis128-aesni",
  "symbol:drm_need_swiotlb", // modules.symbols
  "symbol:no_such_symbol",
  "fs-ext4", // install command, before modules.alias's fs-ext4
  "fs-vfat", // install before remove
  "fs-xfs", // remove command
  "nvme-alias", // configuration alias
  "crc64-rocksoft", // built-in module name, before the built-in alias of crc64_rocksoft_generic
  "crypto-crc64-rocksoft", // built-in alias
  "pci:v00008086d00001572sv00008086sd00000001bc02sc00i00", // a device: modules.alias
  "no-such-module",
];

function modprobeAll(root: string, version: string, key: string): string {
  const run = spawnSync(MODPROBE as string, ["-d", root, "-S", version, "-C", config, "-R", "--", key], {
    encoding: "utf8",
  });
  return [...new Set(run.stdout.split("\n").filter((line) => line !== ""))].join(" ");
}

/** Our `match --all` answer line for each key, from one run. */
function oursAll(root: string, version: string, keys: string[]): string[] {
  const run = modalias(["match", "--all", "-b", root, "-S", version, "-C", config, "--", ...keys]);
  // Each line is the key as given, then its modules, or `-` for none.
  const lines = run.stdout.split("\n").slice(0, keys.length);
  expect(run.status, run.stderr).toBe(lines.some((line) => line.endsWith(" -")) ? 1 : 0);
  return lines.map((line, i) => {
    const modules = line.slice((keys[i] as string).length + 1);
    return modules === "-" ? "" : modules;
  });
}

const theirs = (root: string, keys: string[]): string[] => keys.map((key) => modprobeAll(root, VERSION, key));

describe.skipIf(MODPROBE === null)(
  `match --all vs modprobe -R through kmod's whole chain${MODPROBE === null ? ` (${NO_MODPROBE})` : ""}`,
  () => {
    it("agrees on module names, symbols, commands, configuration and built-in names, from the files and from the index", () => {
      const expected = theirs(tmp.dir, KEYS);
      expect(oursAll(tmp.dir, VERSION, KEYS)).toEqual(expected);
      const compiled = modalias(["compile", "-b", tmp.dir, "-S", VERSION]);
      expect(compiled.status, compiled.stderr).toBe(0);
      expect(oursAll(tmp.dir, VERSION, KEYS)).toEqual(expected);
    });

    it("names each answer's origin and place", () => {
      const run = modalias([
        "match",
        "--json",
        "-b",
        tmp.dir,
        "-S",
        VERSION,
        "-C",
        config,
        "aegis128",
        "symbol:drm_need_swiotlb",
        "fs-ext4",
        "crc64-rocksoft",
      ]);
      const records = run.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { module: string; origin: string; line: number });
      expect(records.map((r) => [r.module, r.origin])).toEqual([
        ["aegis128", "module"],
        ["drm", "symbol"],
        ["fs_ext4", "install"],
        ["crc64_rocksoft", "builtin-module"],
      ]);
      expect(records[1]?.line).toBe(3);
    });

    it("answers from the configuration when the kernel has no modules.alias, and says what is missing only when nothing can", () => {
      const empty = join(tmp.dir, "empty");
      mkdirSync(join(empty, "lib/modules", VERSION), { recursive: true });
      const keys = ["fs-ext4", "nvme-alias", "fs-xfs", "no-such-module"];
      expect(oursAll(empty, VERSION, keys)).toEqual(theirs(empty, keys));
      const none = modalias(["match", "-b", empty, "-S", VERSION, "--no-config", "nvme-alias"]);
      expect([none.status, none.stderr]).toEqual([
        2,
        expect.stringContaining(`no modules.alias for kernel ${VERSION}`),
      ]);
    });

    it("answers from the name lists a kernel without modules.alias has", () => {
      const depOnly = join(tmp.dir, "dep-only");
      const depDir = join(depOnly, "lib/modules", VERSION);
      mkdirSync(depDir, { recursive: true });
      for (const file of ["modules.dep", "modules.dep.bin"]) {
        writeFileSync(join(depDir, file), readFileSync(join(dir, file)));
        utimesSync(join(depDir, file), OLD, OLD);
      }
      const keys = ["aegis128", "fs-ext4", "nvme-alias", "no-such-module"];
      expect(oursAll(depOnly, VERSION, keys)).toEqual(theirs(depOnly, keys));
      const alone = modalias(["match", "-b", depOnly, "-S", VERSION, "--no-config", "aegis128", "no-such-module"]);
      expect([alone.status, alone.stdout, alone.stderr]).toEqual([1, "aegis128 aegis128\nno-such-module -\n", ""]);
    });

    it("warns once when a text file is newer than the binary file kmod reads, naming both", () => {
      const text = join(dir, "modules.symbols");
      utimesSync(text, OLD + 10, OLD + 10);
      try {
        const run = modalias(["match", "-b", tmp.dir, "-S", VERSION, "-C", config, "aegis128", "fs-ext4"]);
        const warnings = run.stderr.split("\n").filter((line) => line.includes("newer than"));
        expect(warnings).toEqual([
          `modalias: warning: ${text} is newer than ${text}.bin: kmod answers from ${text}.bin, modalias from ${text} (run depmod)`,
        ]);
      } finally {
        utimesSync(text, OLD, OLD);
      }
      const quiet = modalias(["match", "-b", tmp.dir, "-S", VERSION, "-C", config, "aegis128"]);
      expect(quiet.stderr).not.toContain("newer than");
    });

    it("takes a changed name list as a stale index, and answers from the text", () => {
      const deps = join(dir, "modules.dep");
      const before = readFileSync(deps);
      expect(modalias(["compile", "-b", tmp.dir, "-S", VERSION]).status).toBe(0);
      writeFileSync(deps, Buffer.concat([before, Buffer.from("kernel/extra/new-module.ko:\n")]));
      try {
        const run = modalias(["match", "-b", tmp.dir, "-S", VERSION, "--no-config", "new-module"]);
        expect(run.stdout).toBe("new_module\n");
        expect(run.stderr).toContain("modules.alias.index is stale (modules.dep changed since it was compiled)");
      } finally {
        writeFileSync(deps, before);
        utimesSync(deps, OLD, OLD);
      }
      expect(modalias(["match", "-b", tmp.dir, "-S", VERSION, "--no-config", "new-module"]).stdout).toBe("-\n");
    });
  },
);
