/**
 * The hooks and units run the modalias that installed them by absolute paths
 * (node and its script) when both live under the root, as on the live system,
 * so that they work where node is not on systemd's PATH (nvm); otherwise
 * `modalias` from PATH, and install says so.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, linkSync, mkdirSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { programUnder } from "../../src/system/hooks.js";
import { MAIN, modalias } from "../helpers/cli.js";
import { removeRoot, tempRoot } from "../helpers/system-tree.js";

let root: string;
beforeEach(() => {
  root = tempRoot();
});
afterEach(() => removeRoot(root));

it("names node and the script as the target sees them, only when both are under the root", () => {
  expect(programUnder("/", "/home/u/.nvm/bin/node", "/home/u/lib/modalias.cjs")).toBe(
    "'/home/u/.nvm/bin/node' '/home/u/lib/modalias.cjs'",
  );
  expect(programUnder("/img", "/img/usr/bin/node", "/img/opt/m/modalias.cjs")).toBe(
    "'/usr/bin/node' '/opt/m/modalias.cjs'",
  );
  expect(programUnder("/img", "/usr/bin/node", "/img/opt/m/modalias.cjs")).toBeNull();
  expect(programUnder("/img", "/img/usr/bin/node", "/img2/modalias.cjs")).toBeNull();
  expect(programUnder("/", "/it's/node", "/m.cjs")).toBeNull();
});

it("writes the absolute command into the units and hooks when node and modalias are under the root", () => {
  const node = join(root, "usr/bin/node");
  mkdirSync(dirname(node), { recursive: true });
  try {
    linkSync(realpathSync(process.execPath), node);
  } catch {
    copyFileSync(realpathSync(process.execPath), node);
  }
  const script = join(root, "opt/modalias/dist/cli/modalias.cjs");
  mkdirSync(dirname(script), { recursive: true });
  for (const name of ["modalias.cjs", "modalias-main.cjs"])
    copyFileSync(join(dirname(MAIN), name), join(dirname(script), name));
  copyFileSync(join(dirname(MAIN), "../../package.json"), join(root, "opt/modalias/package.json"));

  const run = spawnSync(node, [script, "hooks", "install", "--root", root], { encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.stdout).not.toContain("from PATH");
  const program = "'/usr/bin/node' '/opt/modalias/dist/cli/modalias.cjs'";
  const unit = (name: string): string => readFileSync(join(root, "usr/lib/systemd/system", name), "utf8");
  expect(unit("modalias-index.service")).toContain(`\nExecStart=${program} compile\n`);
  expect(unit("modalias-bind@.service")).toContain(`\nExecStart=${program} bind --persisted %i\n`);
  const plugin = readFileSync(join(root, "usr/lib/kernel/install.d/55-modalias.install"), "utf8");
  expect(plugin).toContain(`\nmodalias() { ${program} "$@"; }\n`);
});

it("falls back to modalias from PATH, saying so, when the running one is not under the root", () => {
  const run = modalias(["hooks", "install", "--root", root]);
  expect(run.stdout).toContain(
    `the hooks and units run modalias from PATH: this one (${process.execPath}) is not under ${root}\n`,
  );
  const service = readFileSync(join(root, "usr/lib/systemd/system/modalias-index.service"), "utf8");
  expect(service).toContain("\nExecStart=/usr/bin/env modalias compile\n");
});
