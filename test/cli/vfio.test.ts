/** `vfio` explains the choice for a device: modalias, key, winning alias and runner-up. */
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";
import { aliasArgs, MLX5_VF, type Scenario, scenario } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => (t = await scenario([MLX5_VF])));
afterEach(() => t.fake.cleanup());

it("prints the chosen module and why", async () => {
  const run = await modaliasInProcess(["vfio", ...aliasArgs(t), "--sysfs-root", t.fake.sys, "3b:00.1"]);

  expect(run.status).toBe(0);
  expect(run.stdout.split("\n")).toEqual([
    "0000:3b:00.1: mlx5_vfio_pci",
    "  modalias   pci:v000015B3d0000101Esv000015B3sd00000016bc02sc00i00",
    "  key        vfio_pci:v000015B3d0000101Esv000015B3sd00000016bc02sc00i00",
    "  alias      line 11: vfio_pci:v000015B3d0000101Esv*sd*bc*sc*i* (5 stars)",
    "  runner-up  vfio_pci, line 2: vfio_pci:v*d*sv*sd*bc*sc*i* (7 stars)",
    "  rule       the most specific vfio alias (fewest *), as kmod answers",
    "",
  ]);
  expect(t.kernel.log).toEqual([]);
});

it("prints one JSON object per line with --json", async () => {
  const run = await modaliasInProcess([
    "vfio",
    ...aliasArgs(t),
    "--json",
    "--sysfs-root",
    t.fake.sys,
    "3b:00.1",
    "0000:3b:00.1",
  ]);

  const lines = run.stdout.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0] ?? "")).toMatchObject({
    device: "0000:3b:00.1",
    ok: true,
    key: "vfio_pci:v000015B3d0000101Esv000015B3sd00000016bc02sc00i00",
    module: "mlx5_vfio_pci",
    best: { module: "mlx5_vfio_pci", line: 11, stars: 5 },
    runnerUp: { module: "vfio_pci", line: 2, stars: 7 },
    ambiguous: false,
  });
});

it("chooses from the aliases that the command's --alias-file or --index names", async () => {
  const catchAllOnly = aliasArgs(t, "alias vfio_pci:v*d*sv*sd*bc*sc*i* vfio_pci\n");
  const fromFile = await modaliasInProcess(["vfio", ...catchAllOnly, "--sysfs-root", t.fake.sys, "3b:00.1"]);

  expect(fromFile.status).toBe(0);
  expect(fromFile.stdout.split("\n")[0]).toBe("0000:3b:00.1: vfio_pci");

  const index = join(t.fake.base, "catch-all.index");
  expect((await modaliasInProcess(["compile", catchAllOnly[1] ?? "", "-o", index])).status).toBe(0);
  const fromIndex = await modaliasInProcess([
    "vfio",
    "--index",
    index,
    "--no-config",
    "--sysfs-root",
    t.fake.sys,
    "3b:00.1",
  ]);

  expect(fromIndex.status).toBe(0);
  expect(fromIndex.stdout.split("\n")[0]).toBe("0000:3b:00.1: vfio_pci");
});
