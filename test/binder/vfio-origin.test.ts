/**
 * `vfio` and `status` say where the chosen alias comes from: a built-in
 * driver is marked built in, and a module modprobe's configuration keeps
 * from loading is named with the line that does it.
 */
import { afterEach, expect, it } from "vitest";
import { explainVfio } from "../../src/binder/choose.js";
import { deviceStatus } from "../../src/binder/status.js";
import { statusLines } from "../../src/cli/status.js";
import { vfioLines } from "../../src/cli/vfio.js";
import { compileAliasText } from "../../src/index/build.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { chainChooser } from "../helpers/chain-chooser.js";
import { MLX5_VF, type Scenario, scenario, UNBOUND_NIC } from "../helpers/scenario.js";

let t: Scenario | undefined;
afterEach(() => t?.fake.cleanup());

it("marks a built-in vfio_pci and names its modules.builtin.modinfo record", async () => {
  t = await scenario([UNBOUND_NIC]);
  const report = await explainVfio(
    t.ctx.sysfs,
    chainChooser({ builtinVfioPci: true }),
    parsePciAddress("0000:06:00.0"),
  );
  expect(report).toMatchObject({
    ok: true,
    module: "vfio_pci",
    builtin: true,
    prohibited: null,
    best: { origin: "builtin", line: 1 },
  });
  expect(vfioLines(report)[0]).toBe("0000:06:00.0: vfio_pci (built into the kernel)");
  expect(vfioLines(report)[3]).toBe(
    "  alias      built-in, modules.builtin.modinfo record 1: vfio_pci:v*d*sv*sd*bc*sc*i* (7 stars)",
  );
});

it("warns that a chosen module is blacklisted, in vfio and in status", async () => {
  t = await scenario([{ ...MLX5_VF, driver: undefined }]);
  const choose = chainChooser({
    builtinVfioPci: false,
    config: { "/etc/modprobe.d/x.conf": "blacklist mlx5_vfio_pci\n" },
  });
  const a = parsePciAddress("0000:3b:00.1");
  const report = await explainVfio(t.ctx.sysfs, choose, a);
  expect(report.prohibited).toBe("blacklisted by /etc/modprobe.d/x.conf line 1");
  expect(report.warnings).toContain(
    "module mlx5_vfio_pci is blacklisted by /etc/modprobe.d/x.conf line 1: modprobe -b will not load it",
  );
  const lookup = new AliasLookup(compileAliasText("").index);
  const status = await deviceStatus(t.ctx.sysfs, { aliases: { choose, lookup }, ids: null, iommu: true }, a);
  expect(statusLines(status)[1]).toBe("  vfio module mlx5_vfio_pci is blacklisted by /etc/modprobe.d/x.conf line 1");
});

it("takes a configuration alias over modules.alias", async () => {
  t = await scenario([{ ...MLX5_VF, driver: undefined }]);
  const choose = chainChooser({
    builtinVfioPci: false,
    config: { "/etc/modprobe.d/x.conf": "alias vfio_pci:v000015B3d* vfio-pci\n" },
  });
  const report = await explainVfio(t.ctx.sysfs, choose, parsePciAddress("0000:3b:00.1"));
  expect(report).toMatchObject({
    module: "vfio_pci",
    best: { origin: "config", file: "/etc/modprobe.d/x.conf", line: 1 },
  });
  expect(report.runnerUp).toMatchObject({ module: "mlx5_vfio_pci", origin: "modules.alias" });
  expect(report.ambiguous).toBe(false);
});
