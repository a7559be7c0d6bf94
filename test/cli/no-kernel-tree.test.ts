/**
 * Without a kernel tree (a container, a build host) match and compile say
 * what to do instead; -b given the module directory itself says what -b
 * takes; match takes -k as compile does.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { DATA } from "../helpers/data.js";
import { scratch } from "../helpers/scratch.js";

const tmp = scratch();
afterAll(() => tmp.remove());
const moduleDir = tmp.path("lib/modules/1.0");
mkdirSync(moduleDir, { recursive: true });
copyFileSync(`${DATA}vfio-variants.modules.alias`, join(moduleDir, "modules.alias"));
const MLX5 = "vfio_pci:v000015B3d0000101Esv000015B3sd00000001bc02sc00i00";
const doubled = `${moduleDir}/lib/modules/1.0/modules.alias or ${moduleDir}/usr/lib/modules/1.0/modules.alias`;
const hint = `(${moduleDir} is a module directory: -b takes the root of the tree, as modprobe -d, here -b ${tmp.dir})`;

it("match -b MODULE_DIR says -b takes the root, and names the files or the kernel to give instead", () => {
  const run = modalias(["match", "-b", moduleDir, "-k", "1.0", MLX5]);
  expect(run).toMatchObject({ status: 2, stdout: "" });
  expect(run.stderr).toBe(
    `modalias: ${doubled}: no modules.alias for kernel 1.0 ${hint}; name the files (--alias-file FILE or --index FILE) or the kernel (-b ROOT, -S VERSION)\n`,
  );
});

it("compile -b MODULE_DIR says the same, with compile's remedy", () => {
  const run = modalias(["compile", "-b", moduleDir, "-k", "1.0", "-o", tmp.path("x.index")]);
  expect(run).toMatchObject({ status: 2, stdout: "" });
  expect(run.stderr).toBe(
    `modalias: ${doubled}: no modules.alias for kernel 1.0 ${hint}; name the alias file (modalias compile FILE) or the kernel (-b ROOT, -k VERSION)\n`,
  );
});

it("match takes -k as -S, and refuses two different kernels", () => {
  expect(modalias(["match", "--no-config", "-b", tmp.dir, "-k", "1.0", MLX5])).toMatchObject({
    status: 0,
    stdout: "mlx5_vfio_pci\n",
  });
  const both = modalias(["match", "--no-config", "-b", tmp.dir, "-k", "1.0", "-S", "2.0", MLX5]);
  expect(both).toMatchObject({ status: 2, stdout: "" });
  expect(both.stderr).toMatch(/^modalias: --kernel and --set-version name different kernels\nUsage: modalias match /);
});
