/**
 * The installed Debian hooks, run as run-parts runs them (`VERSION IMAGE`),
 * build the index after a kernel package is installed and delete it after it
 * is removed, writing nothing to stdout (they may run under debconf).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { kernelTree, modaliasWrapper, removeRoot, tempRoot } from "../helpers/system-tree.js";

const VERSION = "6.12.0-test-amd64";

let root: string;
beforeEach(() => {
  root = tempRoot();
  expect(modalias(["hooks", "install", "--root", root]).status).toBe(0);
});
afterEach(() => removeRoot(root));

function runHook(hook: string): ReturnType<typeof spawnSync> {
  return spawnSync(join(root, hook), [VERSION, `/boot/vmlinuz-${VERSION}`], {
    encoding: "utf8",
    env: { PATH: `${modaliasWrapper(root)}:/usr/bin:/bin`, MODALIAS_BASEDIR: root },
  });
}

it("postinst.d builds the index and postrm.d deletes it", () => {
  const aliasFile = kernelTree(root, VERSION);

  const postinst = runHook("etc/kernel/postinst.d/modalias");
  expect(postinst.status).toBe(0);
  expect(postinst.stdout).toBe("");
  expect(postinst.stderr).toMatch(/modules\.alias\.index: \d+ aliases/);
  expect(existsSync(`${aliasFile}.index`)).toBe(true);

  const postrm = runHook("etc/kernel/postrm.d/modalias");
  expect(postrm.status).toBe(0);
  expect(existsSync(`${aliasFile}.index`)).toBe(false);
});
