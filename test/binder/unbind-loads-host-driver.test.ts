/** When no loaded driver takes the released device, unbind loads its host driver by modalias, as udev would. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { unbindDevice } from "../../src/binder/bind.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { GPU, type Scenario, scenario } from "../helpers/scenario.js";

const GPU_ALIAS = "pci:v000010DEd00002204sv000010DEsd00000000bc03sc00i00";

let t: Scenario;
afterEach(() => t.fake.cleanup());

describe("host module not loaded", () => {
  beforeEach(async () => {
    t = await scenario([{ ...GPU, driver: "vfio-pci", override: "vfio-pci", hostDriver: "nvidia" }], {
      loaded: { vfio_pci: "vfio-pci" },
      modules: { "pci:v000010DEd00002204*": { driver: "nvidia", module: "nvidia", claims: ["0000:01:00.0"] } },
    });
  });

  it("runs modprobe -b MODALIAS after the empty probe and ends on the host driver", async () => {
    const report = await unbindDevice(t.ctx, parsePciAddress("01:00.0"));

    expect(report.error).toBeNull();
    expect(await t.modprobe.calls()).toEqual([GPU_ALIAS]);
    expect(report.actions.map((a) => (a.kind === "write" ? a.step : a.argv.slice(1).join(" ")))).toEqual([
      "unbind",
      "clear override",
      "probe",
      `-b ${GPU_ALIAS}`,
    ]);
    expect(report.after).toEqual({ driver: "nvidia", override: null });
  });
});

describe("no host driver at all", () => {
  beforeEach(async () => {
    t = await scenario([{ ...GPU, driver: "vfio-pci", override: "vfio-pci", hostDriver: "nvidia" }], {
      loaded: { vfio_pci: "vfio-pci" },
    });
  });

  it("leaves the device unbound and warns, with modprobe's reason", async () => {
    const report = await unbindDevice(t.ctx, parsePciAddress("01:00.0"));

    expect(report).toMatchObject({ ok: true, outcome: "unbound", after: { driver: null, override: null } });
    expect(report.warnings).toEqual([
      `no host driver claimed the device; it is left unbound (modprobe: FATAL: Module ${GPU_ALIAS} not found in directory /lib/modules/6.12.0 (exit status 1))`,
    ]);
  });
});
