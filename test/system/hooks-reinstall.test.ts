/**
 * `hooks install` run again says `unchanged` for each file (and link) that is
 * already as it would write it, and rewrites only one that differs (a changed
 * text or mode).
 */
import { chmodSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { MARKER } from "../../src/system/hooks.js";
import { modalias } from "../helpers/cli.js";
import { removeRoot, tempRoot } from "../helpers/system-tree.js";

let root: string;
beforeEach(() => {
  root = tempRoot();
});
afterEach(() => removeRoot(root));

const PLUGIN = "usr/lib/kernel/install.d/55-modalias.install";
const SERVICE = "usr/lib/systemd/system/modalias-index.service";

it("says unchanged for every file the second time, and rewrites only what differs", () => {
  const first = modalias(["hooks", "install", "--root", root]);
  expect(first.status).toBe(0);
  const files = first.stdout
    .split("\n")
    .filter((l) => l.startsWith("installed "))
    .map((l) => l.split(" ")[1]);
  expect(files).toHaveLength(8);

  const second = modalias(["hooks", "install", "--root", root]);
  expect(second).toMatchObject({ status: 0, stderr: "" });
  expect(second.stdout.split("\n").filter((l) => !l.startsWith("the hooks and units run"))).toEqual([
    ...files.map((f) => `unchanged ${f}`),
    "",
  ]);

  chmodSync(join(root, PLUGIN), 0o700);
  const service = join(root, SERVICE);
  writeFileSync(service, `${MARKER}\nold\n`);
  const third = modalias(["hooks", "install", "--root", root]);
  const lines = third.stdout.trimEnd().split("\n");
  expect(lines.filter((l) => l.startsWith("installed "))).toEqual([
    `installed ${join(root, PLUGIN)} (mode 0755)`,
    `installed ${service} (mode 0644)`,
  ]);
  expect(lines.filter((l) => l.startsWith("unchanged "))).toHaveLength(files.length - 2);
  expect(statSync(join(root, PLUGIN)).mode & 0o777).toBe(0o755);
});
