/**
 * The hooks never fail a kernel's installation: without `modalias` on PATH,
 * or when compiling fails (no modules.alias), they warn on stderr and exit 0.
 * A version with a slash is ignored, so remove can never delete elsewhere.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { modaliasWrapper, removeRoot, tempRoot } from "../helpers/system-tree.js";

let root: string;
let plugin: string;
beforeEach(() => {
  root = tempRoot();
  expect(modalias(["hooks", "install", "--root", root]).status).toBe(0);
  plugin = join(root, "usr/lib/kernel/install.d/55-modalias.install");
});
afterEach(() => removeRoot(root));

it("warns and exits 0 when modalias is not on PATH", () => {
  const run = spawnSync(plugin, ["add", "6.12.0", "/boot/x", "/boot/vmlinuz"], {
    encoding: "utf8",
    env: { PATH: "/usr/bin:/bin", MODALIAS_BASEDIR: root },
  });

  expect(run.status).toBe(0);
  expect(run.stderr).toBe("modalias: not on PATH; the alias index of kernel 6.12.0 was not built\n");
});

it("warns and exits 0 when the kernel has no modules.alias", () => {
  const run = spawnSync(plugin, ["add", "9.9.9", "/boot/x", "/boot/vmlinuz"], {
    encoding: "utf8",
    env: { PATH: `${modaliasWrapper(root)}:/usr/bin:/bin`, MODALIAS_BASEDIR: root },
  });

  expect(run.status).toBe(0);
  expect(run.stderr).toContain("no modules.alias for kernel 9.9.9");
  expect(run.stderr).toContain(
    "modalias: building the alias index of kernel 9.9.9 failed; lookups use modules.alias\n",
  );
});

it("ignores a version containing a slash", () => {
  mkdirSync(join(root, "lib/x"), { recursive: true });
  writeFileSync(join(root, "lib/x/modules.alias.index"), "keep\n");

  const run = spawnSync(plugin, ["remove", "../x/../../lib/x", "/boot/x"], {
    encoding: "utf8",
    env: { PATH: "/usr/bin:/bin", MODALIAS_BASEDIR: join(root, "lib/modules/..") },
  });

  expect(run.status).toBe(0);
  expect(run.stderr).toContain("ignoring kernel version");
  expect(existsSync(join(root, "lib/x/modules.alias.index"))).toBe(true);
});
