/** `vfio` explains the choice for a device: modalias, key, winning alias and runner-up. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { runCli } from "../helpers/binder-cli.js";
import { MLX5_VF, type Scenario, scenario } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => (t = await scenario([MLX5_VF])));
afterEach(() => t.fake.cleanup());

it("prints the chosen module and why", async () => {
  const run = await runCli(["vfio", "--sysfs-root", t.fake.sys, "3b:00.1"], t.choose);

  expect(run.status).toBe(0);
  expect(run.stdout.split("\n")).toEqual([
    "0000:3b:00.1: mlx5_vfio_pci",
    "  modalias   pci:v000015B3d0000101Esv000015B3sd00000016bc02sc00i00",
    "  key        vfio_pci:v000015B3d0000101Esv000015B3sd00000016bc02sc00i00",
    "  alias      line 11: vfio_pci:v000015B3d0000101Esv*sd*bc*sc*i* (5 stars)",
    "  runner-up  vfio_pci, line 2: vfio_pci:v*d*sv*sd*bc*sc*i* (7 stars)",
    "",
  ]);
  expect(t.kernel.log).toEqual([]);
});

it("prints one JSON object per line with --json", async () => {
  const run = await runCli(["vfio", "--json", "--sysfs-root", t.fake.sys, "3b:00.1", "0000:3b:00.1"], t.choose);

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

it("passes every parsed option to getChooser", async () => {
  const run = await runCli(["vfio", "--sysfs-root", t.fake.sys, "3b:00.1"], t.choose);

  expect(run.chooserOpts).toMatchObject({ sysfsRoot: t.fake.sys });
});
