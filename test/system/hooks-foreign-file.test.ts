/** `hooks install` refuses, naming the file, when a file it would write belongs to someone else, and writes nothing. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { filesUnder, removeRoot, tempRoot } from "../helpers/system-tree.js";

let root: string;
const FOREIGN = "etc/kernel/postrm.d/modalias";
beforeEach(() => {
  root = tempRoot();
  mkdirSync(join(root, "etc/kernel/postrm.d"), { recursive: true });
  writeFileSync(join(root, FOREIGN), "#!/bin/sh\necho mine\n");
});
afterEach(() => removeRoot(root));

it("exits 2 with one line naming the file, and changes nothing", () => {
  const run = modalias(["hooks", "install", "--root", root]);

  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toBe(
    `modalias: ${join(root, FOREIGN)}: exists and was not installed by modalias; move it away first\n`,
  );
  expect(filesUnder(root)).toEqual([FOREIGN]);
  expect(readFileSync(join(root, FOREIGN), "utf8")).toBe("#!/bin/sh\necho mine\n");
});

it("overwrites its own earlier files (a second install succeeds)", () => {
  const other = tempRoot();
  try {
    expect(modalias(["hooks", "install", "--root", other]).status).toBe(0);
    expect(modalias(["hooks", "install", "--root", other]).status).toBe(0);
  } finally {
    removeRoot(other);
  }
});
