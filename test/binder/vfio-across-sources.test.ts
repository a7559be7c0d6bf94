/**
 * The vfio choice ranks the modules.alias and built-in vfio aliases together: a variant driver
 * built into the kernel (5 stars) beats vfio_pci's catch-all in modules.alias (7 stars), though
 * kmod's own lookup (and `match`) stops at modules.alias; a configuration alias stays first;
 * the report says which rule chose.
 */
import { afterEach, expect, it } from "vitest";
import { explainVfio, vfioChooser } from "../../src/binder/choose.js";
import { vfioLines } from "../../src/cli/vfio.js";
import { compileAliasText, compileBuiltinText } from "../../src/index/build.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { CATCH_ALL } from "../helpers/chain-chooser.js";
import { MLX5_VF, type Scenario, scenario } from "../helpers/scenario.js";

let t: Scenario | undefined;
afterEach(() => t?.fake.cleanup());

const lookup = new AliasLookup(
  {
    aliases: compileAliasText(CATCH_ALL).index,
    builtin: compileBuiltinText("mlx5_vfio_pci.alias=vfio_pci:v000015B3d0000101Esv*sd*bc*sc*i*\0").index,
  },
  [],
);
const device = parsePciAddress("0000:3b:00.1");

it("chooses a built-in variant driver over modules.alias's catch-all, saying which rule chose", async () => {
  t = await scenario([{ ...MLX5_VF, driver: undefined }]);
  const report = await explainVfio(t.ctx.sysfs, vfioChooser(lookup), device);
  expect(report).toMatchObject({
    module: "mlx5_vfio_pci",
    builtin: true,
    ambiguous: false,
    best: { origin: "builtin", stars: 5 },
    runnerUp: { module: "vfio_pci", origin: "modules.alias", stars: 7 },
  });
  expect(vfioLines(report)[5]).toBe(
    "  rule       the most specific vfio alias across modules.alias and the built-in aliases (kmod's own lookup stops at modules.alias and answers vfio_pci)",
  );
  // kmod's answer, and match's, is still the catch-all.
  expect(report.key && lookup.all(report.key).map((m) => m.module)).toEqual(["vfio_pci"]);
});

it("keeps a configuration alias first, as the administrator's override", async () => {
  t = await scenario([{ ...MLX5_VF, driver: undefined }]);
  const configured = new AliasLookup(
    {
      aliases: compileAliasText(CATCH_ALL).index,
      builtin: compileBuiltinText("mlx5_vfio_pci.alias=vfio_pci:v000015B3d0000101Esv*sd*bc*sc*i*\0").index,
    },
    [{ file: "/etc/modprobe.d/vfio.conf", line: 3, pattern: "vfio_pci:v000015B3*", module: "vfio_pci" }],
  );
  const report = await explainVfio(t.ctx.sysfs, vfioChooser(configured), device);
  expect(report).toMatchObject({
    module: "vfio_pci",
    best: { origin: "config", stars: 1 },
    runnerUp: { module: "mlx5_vfio_pci", origin: "builtin" },
    rule: "the configuration's alias, first as in kmod (the administrator's override)",
  });
});

it("says when the most specific alias is kmod's own answer", async () => {
  t = await scenario([{ ...MLX5_VF, driver: undefined }]);
  const inModules = new AliasLookup(
    compileAliasText(`${CATCH_ALL}alias vfio_pci:v000015B3d0000101Esv*sd*bc*sc*i* mlx5_vfio_pci\n`).index,
  );
  const report = await explainVfio(t.ctx.sysfs, vfioChooser(inModules), device);
  expect([report.module, report.rule]).toEqual([
    "mlx5_vfio_pci",
    "the most specific vfio alias (fewest *), as kmod answers",
  ]);
});
