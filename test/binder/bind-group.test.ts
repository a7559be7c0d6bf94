/**
 * A two-function GPU group (the GPU, its HD-audio function linked to it as a consumer, a USB
 * controller function, and the root port above them on pcieport) bound and released together:
 * each member to its own best vfio driver, the bridge left on pcieport, all or nothing.
 */
import { afterEach, expect, it } from "vitest";
import { bindDevices, unbindDevices } from "../../src/binder/together.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { GPU, GPU_AUDIO, type Scenario, scenario } from "../helpers/scenario.js";

const PORT = { address: "0000:00:01.0", vendor: "8086", device: "1901", classCode: "060400", group: 14 };
const USB = { address: "0000:01:00.2", vendor: "10de", device: "1ada", classCode: "0c0330", group: 14 };
const gpu = parsePciAddress(GPU.address);

let t: Scenario;
async function setUp(deny: string[] = []): Promise<void> {
  t = await scenario([PORT, { ...GPU, consumers: [GPU_AUDIO.address] }, GPU_AUDIO, USB], { quirks: { deny } });
  await t.fake.addDriver("pcieport");
  await t.fake.bindLink(PORT.address, "pcieport");
}
afterEach(() => t.fake.cleanup());

/** Each device's driver and override now. */
async function state(): Promise<Record<string, [string | null, string | null]>> {
  const out: Record<string, [string | null, string | null]> = {};
  for (const a of [PORT.address, GPU.address, GPU_AUDIO.address, USB.address]) {
    out[a] = [await t.fake.driverOf(a), await t.fake.overrideOf(a)];
  }
  return out;
}

const BEFORE = {
  "0000:00:01.0": ["pcieport", null],
  "0000:01:00.0": ["nouveau", null],
  "0000:01:00.1": ["snd_hda_intel", null],
  "0000:01:00.2": [null, null],
};

it("binds every member but the bridge, each to its vfio driver, and the group is usable", async () => {
  await setUp();
  const reports = await bindDevices(t.ctx, t.choose, [gpu], { group: true, force: true });

  expect(reports.map((r) => [r.device, r.outcome, r.part ?? null])).toEqual([
    ["0000:01:00.0", "bound", null],
    ["0000:00:01.0", "skipped", "IOMMU group 14"],
    ["0000:01:00.1", "bound", "IOMMU group 14"],
    ["0000:01:00.2", "bound", "IOMMU group 14"],
  ]);
  expect(reports[1]?.left).toBe("on pcieport, which vfio allows in a group");
  expect(reports.flatMap((r) => r.warnings).filter((w) => w.startsWith("IOMMU"))).toEqual([]);
  expect(await state()).toEqual({
    "0000:00:01.0": ["pcieport", null],
    "0000:01:00.0": ["vfio-pci", "vfio-pci"],
    "0000:01:00.1": ["vfio-pci", "vfio-pci"],
    "0000:01:00.2": ["vfio-pci", "vfio-pci"],
  });

  const released = await unbindDevices(t.ctx, [gpu], { group: true });
  expect(released.map((r) => [r.device, r.outcome])).toEqual([
    ["0000:01:00.0", "unbound"],
    ["0000:00:01.0", "skipped"],
    ["0000:01:00.1", "unbound"],
    ["0000:01:00.2", "unbound"],
  ]);
  expect(await state()).toEqual(BEFORE);
});

it("rolls every member back when one fails to bind", async () => {
  await setUp(["bus/pci/devices/0000:01:00.2/driver_override"]);
  const reports = await bindDevices(t.ctx, t.choose, [gpu], { group: true, force: true });

  const put = "bound, then put back: 0000:01:00.2, which goes with it, failed";
  expect(reports.map((r) => [r.device, r.ok, r.error?.step, r.error?.rollback])).toEqual([
    ["0000:01:00.0", false, "together", "complete"],
    ["0000:00:01.0", true, undefined, undefined],
    ["0000:01:00.1", false, "together", "complete"],
    ["0000:01:00.2", false, "set override", "not-needed"],
  ]);
  expect(reports[0]?.error?.reason).toBe(put);
  expect(reports[3]?.error?.reason).toContain("permission denied (EACCES) writing");
  expect(await state()).toEqual(BEFORE);
});

it("changes nothing, not even the members before it, when a member is refused", async () => {
  await setUp();
  await t.fake.unbindLink(GPU.address);
  const reports = await bindDevices(t.ctx, t.choose, [gpu], { group: true });

  expect(reports.map((r) => [r.device, r.outcome])).toEqual([
    ["0000:01:00.0", "failed"],
    ["0000:00:01.0", "skipped"],
    ["0000:01:00.1", "refused"],
    ["0000:01:00.2", "failed"],
  ]);
  expect(reports[2]?.error?.reason).toBe("bound to host driver snd_hda_intel (use --force to take it anyway)");
  expect(reports[0]?.error?.reason).toBe("left as it is: 0000:01:00.1, which goes with it, was refused");
  expect(reports[0]?.error?.rollback).toBe("not-needed");
  expect(t.kernel.log).toEqual([]);
  expect(await t.modprobe.calls()).toEqual([]);
  expect(await state()).toEqual({ ...BEFORE, "0000:01:00.0": [null, null] });
});

it("takes the consumer along without --group, and leaves it with companions off", async () => {
  await setUp();
  const both = await bindDevices(t.ctx, t.choose, [gpu], { force: true });
  expect(both.map((r) => [r.device, r.outcome, r.part ?? null])).toEqual([
    ["0000:01:00.0", "bound", null],
    ["0000:01:00.1", "bound", "consumer of 0000:01:00.0 through a device link"],
  ]);
  await unbindDevices(t.ctx, [gpu]);
  expect(await state()).toEqual(BEFORE);

  const alone = await bindDevices(t.ctx, t.choose, [gpu], { force: true, companions: false });
  expect(alone.map((r) => r.device)).toEqual(["0000:01:00.0"]);
  expect(alone[0]?.warnings.join("\n")).toContain("0000:01:00.1 (snd_hda_intel)");
});

it("plans every member for --dry-run and writes nothing", async () => {
  await setUp();
  const reports = await bindDevices(t.ctx, t.choose, [gpu], { group: true, force: true, dryRun: true });

  expect(reports.map((r) => [r.device, r.outcome])).toEqual([
    ["0000:01:00.0", "would-bind"],
    ["0000:00:01.0", "skipped"],
    ["0000:01:00.1", "would-bind"],
    ["0000:01:00.2", "would-bind"],
  ]);
  for (const r of reports.filter((r) => r.outcome === "would-bind")) {
    expect(r.actions.filter((a) => a.kind === "write").map((a) => a.kind === "write" && a.step)).toContain("probe");
  }
  expect(t.kernel.log).toEqual([]);
});

it("fails a device with no IOMMU group for --group, changing nothing", async () => {
  t = await scenario([{ ...GPU, group: undefined }]);
  const [report] = await bindDevices(t.ctx, t.choose, [gpu], { group: true, force: true });

  expect(report?.ok).toBe(false);
  expect(report?.error?.reason).toContain("it has no IOMMU group");
  expect(t.kernel.log).toEqual([]);
});
