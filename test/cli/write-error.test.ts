/**
 * A failed write to standard output (a full disk: /dev/full) is said once on
 * stderr, as coreutils say it, and exits 2, whatever the command printed.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { MAIN } from "../helpers/cli.js";
import { DATA } from "../helpers/data.js";
import { removeRoot, tempRoot } from "../helpers/system-tree.js";

const root = tempRoot();
afterAll(() => removeRoot(root));
mkdirSync(join(root, "etc/driverctl.d"), { recursive: true });
writeFileSync(join(root, "etc/driverctl.d/pci-0000:01:00.0"), "vfio-pci\n");

const COMMANDS: readonly (readonly string[])[] = [
  [
    "match",
    "--alias-file",
    `${DATA}vfio-variants.modules.alias`,
    "vfio_pci:v000015B3d0000101Esv000015B3sd00000001bc02sc00i00",
  ],
  ["man"],
  ["--help"],
  ["--version"],
  ["completion", "bash"],
  ["list-persisted", "--root", root],
];

it.each(COMMANDS)("says the write error of %s and exits 2", (...args) => {
  const full = openSync("/dev/full", "w");
  const run = spawnSync(process.execPath, [MAIN, ...args], { stdio: ["ignore", full, "pipe"], encoding: "utf8" });
  expect(run.stderr).toBe("modalias: write error: No space left on device\n");
  expect(run.status).toBe(2);
});
