/**
 * `match --all` equals `modprobe -R` (the system's kmod, run on the same
 * module tree) on a tree with configuration: Debian 6.12's modules.alias,
 * modules.builtin.modinfo and the binary indexes depmod wrote for them, plus
 * two configuration directories given with -C, where configuration aliases
 * override modules.alias (in configuration order, several at once), a file in
 * the first directory hides the same name in the second, `-` in patterns and
 * names becomes `_`, and lines kmod ignores are named on stderr.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { DATA } from "../helpers/data.js";
import { pciKeys } from "../helpers/keys.js";

const VERSION = "6.12.107-test";
const modprobe = ["/usr/sbin/modprobe", "/sbin/modprobe", "/usr/bin/modprobe", "/bin/modprobe"].find((p) =>
  existsSync(p),
);
const root = mkdtempSync(join(tmpdir(), "modalias-config-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const dir = join(root, "lib/modules", VERSION);
mkdirSync(dir, { recursive: true });
for (const name of [
  "alias",
  "alias.bin",
  "dep.bin",
  "symbols.bin",
  "builtin.bin",
  "builtin.alias.bin",
  "builtin.modinfo",
]) {
  writeFileSync(
    join(dir, `modules.${name}`),
    gunzipSync(readFileSync(`${DATA}debian-6.12.107-amd64/modules.${name}.gz`)),
  );
}
const first = join(root, "etc-modprobe.d");
const second = join(root, "lib-modprobe.d");
mkdirSync(first);
mkdirSync(second);
writeFileSync(
  join(first, "50-vfio.conf"),
  [
    "# send Intel NICs to vfio and a whole vendor to a local driver",
    "alias pci:v00008086d000015B8sv*sd*bc*sc*i* vfio-pci",
    "alias pci:v00008086d000015B8* local-e1000e",
    "alias vfio_pci:v000015B3* vfio_pci",
    "alias \\",
    "  pci:v000010DEd*sv*sd*bc03sc*i* nouveau-local",
    "blacklist nouveau",
    "   # not a comment for kmod",
    "alias only-one-field",
    "",
  ].join("\n"),
);
writeFileSync(join(second, "50-vfio.conf"), "alias pci:v* hidden_by_the_first_directory\n");
writeFileSync(join(second, "10-early.conf"), "alias pci:v00001AF4d* virtio-early\nalias fs-fuse fuse_from_config\n");
writeFileSync(join(second, ".hidden.conf"), "alias pci:v* hidden_file\n");
writeFileSync(join(second, "notes.txt"), "alias pci:v* not_a_conf_file\n");
const configArgs = ["-C", first, "-C", second];

/** modprobe -R for each key: its modules once each, space-separated (empty when none). */
function kmodAnswers(keys: string[]): string[] {
  return keys.map((key) => {
    const run = spawnSync(modprobe as string, ["-d", root, "-S", VERSION, ...configArgs, "-R", "--", key], {
      encoding: "utf8",
    });
    return [...new Set(run.stdout.split("\n").filter((line) => line !== ""))].join(" ");
  });
}

const keys = [
  ...pciKeys(150, 31).filter((k) => k.startsWith("pci:")),
  "pci:v00008086d000015B8sv00008086sd00000001bc02sc00i00",
  "vfio_pci:v000015B3d0000101Esv000015B3sd00000001bc02sc00i00",
  "vfio_pci:v00008086d000015B8sv00008086sd00000001bc02sc00i00",
  "pci:v000010DEd00002204sv00001458sd00004037bc03sc00i00",
  "pci:v000010DEd00002204sv00001458sd00004037bc04sc03i00",
  "pci:v00001AF4d00001041sv00001AF4sd00001100bc02sc00i00",
  "fs-fuse",
  "char-major-4-64",
  "crypto-sha256",
];

it.skipIf(modprobe === undefined)("match --all prints what modprobe -R prints, key for key", () => {
  const run = modalias(["match", "--all", "-b", root, "-S", VERSION, ...configArgs, ...keys]);
  const answers = kmodAnswers(keys).map((modules, i) => `${keys[i]} ${modules === "" ? "-" : modules}`);
  expect(run.stdout.split("\n").slice(0, -1)).toEqual(answers);
  expect(run.stdout).toContain(" vfio_pci local_e1000e\n");
});

it("answers from the configuration first, naming the file and line; says which lines kmod ignores", () => {
  const key = "pci:v00008086d000015B8sv00008086sd00000001bc02sc00i00";
  const run = modalias(["match", "--json", "-b", root, "-S", VERSION, ...configArgs, key]);
  expect(JSON.parse(run.stdout)).toMatchObject({
    module: "local_e1000e",
    origin: "config",
    file: join(first, "50-vfio.conf"),
    line: 3,
    stars: 1,
  });
  expect(run.stderr).toContain(`${join(first, "50-vfio.conf")}:8: ignoring bad line starting with '#'`);
  expect(run.stderr).toContain(`${join(first, "50-vfio.conf")}:9: `);
  const strict = modalias(["match", "--strict", "-b", root, "-S", VERSION, ...configArgs, key]);
  expect(strict.status).toBe(2);
  expect(modalias(["match", "--no-config", "-b", root, "-S", VERSION, key]).stdout).toBe("e1000e\n");
});

it("uses -C with an explicit alias file too, and nothing of the configuration without it", () => {
  const aliasFile = join(dir, "modules.alias");
  const key = "pci:v00001AF4d00001041sv00001AF4sd00001100bc02sc00i00";
  expect(modalias(["match", "--alias-file", aliasFile, "-C", second, key]).stdout).toBe("virtio_early\n");
  expect(modalias(["match", "--alias-file", aliasFile, key])).toMatchObject({ status: 1, stdout: "-\n" });
});
