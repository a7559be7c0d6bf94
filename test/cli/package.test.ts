/**
 * `npm pack` gives a tarball whose `modalias` works after a global install
 * into a clean prefix, with no dev dependencies: --help, match, vfio and
 * bind --dry-run on a fake sysfs, the man page where man finds it, and the completion scripts.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATA } from "../helpers/data.js";
import { FakeSysfs } from "../helpers/fake-sysfs.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const prefix = mkdtempSync(join(tmpdir(), "modalias-prefix-"));
const bin = join(prefix, "bin/modalias");
let fake: FakeSysfs;

const run = (args: string[]) =>
  spawnSync(bin, args, { encoding: "utf8", env: { PATH: `${join(prefix, "bin")}:${process.env.PATH}` } });

beforeAll(async () => {
  const packs = mkdtempSync(join(tmpdir(), "modalias-pack-"));
  execFileSync("npm", ["pack", "--ignore-scripts", "--pack-destination", packs], { cwd: ROOT, stdio: "ignore" });
  const tarball = join(packs, readdirSync(packs)[0] as string);
  execFileSync("npm", ["install", "--global", "--prefix", prefix, "--omit=dev", "--no-audit", "--no-fund", tarball], {
    stdio: "ignore",
  });
  fake = await FakeSysfs.create();
  await fake.addDriver("mlx5_core");
  await fake.addDevice({
    address: "0000:3b:00.1",
    vendor: "15b3",
    device: "101e",
    subDevice: "0016",
    classCode: "020000",
    driver: "mlx5_core",
    group: 30,
  });
}, 300_000);

afterAll(async () => fake?.cleanup());

describe("the packed tarball, installed globally into a clean prefix", () => {
  it("installs the command, without dev dependencies", () => {
    expect(existsSync(bin)).toBe(true);
    const modules = join(prefix, "lib/node_modules/modalias/node_modules");
    expect(existsSync(join(modules, "commander"))).toBe(true);
    expect(existsSync(join(modules, "vitest"))).toBe(false);
  });

  it("prints --help and --version", () => {
    const help = run(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("match [options] [modalias...]");
    expect(run(["--version"]).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("answers a match", () => {
    const found = run([
      "match",
      "--alias-file",
      `${DATA}vfio-variants.modules.alias`,
      "vfio_pci:v000015B3d0000101Esv000015B3sd00000001bc02sc00i00",
    ]);
    expect(found).toMatchObject({ status: 0, stdout: "mlx5_vfio_pci\n" });
  });

  it("runs vfio and bind --dry-run against a device tree", () => {
    const where = [
      "--sysfs-root",
      fake.sys,
      "--proc-root",
      fake.proc,
      "--alias-file",
      `${DATA}vfio-variants.modules.alias`,
    ];
    expect(run(["vfio", ...where, "3b:00.1"]).stdout).toContain("0000:3b:00.1: mlx5_vfio_pci");
    const dry = run(["bind", "--dry-run", "--force", ...where, "3b:00.1"]);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain("modprobe -b mlx5_vfio_pci");
  });

  it("installs the man page where man finds it, and ships the completion scripts", () => {
    expect(existsSync(join(prefix, "share/man/man1/modalias.1"))).toBe(true);
    const dist = join(prefix, "lib/node_modules/modalias/dist");
    for (const file of ["modalias.bash", "_modalias", "modalias.fish"]) {
      expect(readFileSync(join(dist, file), "utf8")).toContain("modalias");
    }
    const bash = spawnSync("bash", ["-c", `source '${join(dist, "modalias.bash")}' && complete -p modalias`], {
      encoding: "utf8",
    });
    expect(bash.stdout).toBe("complete -F _modalias modalias\n");
  });
});
