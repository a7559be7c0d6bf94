/**
 * The kernel's built-in drivers' aliases on the command line: a kernel
 * whose vfio_pci is built in (its catch-all alias in
 * modules.builtin.modinfo, not in modules.alias) still gets variant drivers
 * from modules.alias and vfio_pci for everything else; `compile --kernel`
 * puts both parts in the index beside modules.alias, lookups use it while
 * both files are unchanged and say so when either changed.
 */
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { debianAliases, variantLines } from "../helpers/data.js";

const VERSION = "6.12.0-builtin";
const MLX5 = "vfio_pci:v000015B3d0000101Esv000015B3sd00000001bc02sc00i00";
const E1000E = "vfio_pci:v00008086d000015B8sv00008086sd00000001bc02sc00i00";
const CATCH_ALL = "vfio_pci:v*d*sv*sd*bc*sc*i*";

/** A tree whose modules.alias lacks vfio_pci's catch-all, which is built in instead. */
function builtinVfioTree(): { base: string; dir: string; args: string[] } {
  const base = mkdtempSync(join(tmpdir(), "modalias-builtin-"));
  const dir = join(base, "lib/modules", VERSION);
  mkdirSync(dir, { recursive: true });
  const lines = debianAliases()
    .toString("latin1")
    .split("\n")
    .filter((line) => line !== `alias ${CATCH_ALL} vfio_pci`);
  writeFileSync(join(dir, "modules.alias"), [...lines.slice(0, -1), ...variantLines(), ""].join("\n"), "latin1");
  writeFileSync(
    join(dir, "modules.builtin.modinfo"),
    `vfio_pci.license=GPL v2\0vfio_pci.alias=${CATCH_ALL}\0vfio_pci.alias=vfio-pci-any\0`,
  );
  return { base, dir, args: ["-b", base, "-S", VERSION, "--no-config"] };
}

it("answers from modules.alias first and from the built-in aliases when it has no match", () => {
  const { args } = builtinVfioTree();
  expect(modalias(["match", ...args, MLX5])).toMatchObject({ status: 0, stdout: "mlx5_vfio_pci\n", stderr: "" });
  const json = JSON.parse(modalias(["match", "--json", "--all", ...args, E1000E]).stdout);
  expect(json).toMatchObject({ module: "vfio_pci", origin: "builtin", pattern: CATCH_ALL, line: 2 });
  expect(json.matches).toEqual([{ module: "vfio_pci", pattern: CATCH_ALL, line: 2, origin: "builtin", file: null }]);
  expect(modalias(["match", ...args, "vfio-pci-any"]).stdout).toBe("vfio_pci\n");
});

it("compile --kernel writes both parts beside modules.alias; a changed modules.builtin.modinfo makes it stale", () => {
  const { base, dir, args } = builtinVfioTree();
  const compiled = modalias(["compile", "--kernel", VERSION, "-b", base]);
  expect(compiled.status, compiled.stderr).toBe(0);
  expect(compiled.stdout).toMatch(
    new RegExp(
      `^${join(dir, "modules.alias.index")}: \\d+ aliases of \\d+ modules from \\d+ lines, 2 built-in aliases of 1 modules, \\d+ bytes`,
    ),
  );
  expect(modalias(["match", ...args, E1000E])).toMatchObject({ status: 0, stdout: "vfio_pci\n", stderr: "" });
  appendFileSync(join(dir, "modules.builtin.modinfo"), "pci_stub.alias=vfio_pci:v00008086d*sv*sd*bc*sc*i*\0");
  const stale = modalias(["match", ...args, E1000E]);
  expect(stale.stdout).toBe("pci_stub\n");
  expect(stale.stderr).toContain("is stale (modules.builtin.modinfo changed since it was compiled)");
  const recompiled = modalias(["compile", "-k", VERSION, "-b", base]);
  expect(recompiled.status).toBe(0);
  expect(modalias(["match", ...args, E1000E])).toMatchObject({ stdout: "pci_stub\n", stderr: "" });
});

it("--builtin-modinfo adds built-in aliases to an explicit alias file, and only to one", () => {
  const { dir } = builtinVfioTree();
  const files = ["--alias-file", join(dir, "modules.alias"), "--builtin-modinfo", join(dir, "modules.builtin.modinfo")];
  expect(modalias(["match", ...files, E1000E]).stdout).toBe("vfio_pci\n");
  expect(modalias(["match", "--alias-file", join(dir, "modules.alias"), E1000E])).toMatchObject({
    status: 1,
    stdout: "-\n",
  });
  const alone = modalias(["match", "--builtin-modinfo", join(dir, "modules.builtin.modinfo"), E1000E]);
  expect(alone.status).toBe(2);
  expect(alone.stderr).toContain("--builtin-modinfo goes with --alias-file");
});
