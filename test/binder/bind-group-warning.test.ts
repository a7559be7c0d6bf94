/** Binding warns when other members of the IOMMU group stay on host drivers. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { bindDevices } from "../../src/binder/together.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { GPU, GPU_AUDIO, type Scenario, scenario, UNBOUND_NIC } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => (t = await scenario([GPU, GPU_AUDIO, { ...UNBOUND_NIC, group: undefined }])));
afterEach(() => t.fake.cleanup());

it("names the member still on its host driver", async () => {
  const [report] = await bindDevices(t.ctx, t.choose, [parsePciAddress("01:00.0")], { force: true });

  expect(report?.ok).toBe(true);
  expect(report?.warnings).toContain(
    "IOMMU group 14 is not usable until these members leave their host drivers: 0000:01:00.1 (snd_hda_intel)",
  );
});

it("does not warn when the whole group is bound together", async () => {
  const reports = await bindDevices(t.ctx, t.choose, [parsePciAddress("01:00.0"), parsePciAddress("01:00.1")], {
    force: true,
  });

  expect(reports.map((r) => r.ok)).toEqual([true, true]);
  expect(reports.flatMap((r) => r.warnings).filter((w) => w.startsWith("IOMMU"))).toEqual([]);
});

it("counts devices about to be bound when planning with --dry-run", async () => {
  const reports = await bindDevices(t.ctx, t.choose, [parsePciAddress("01:00.0"), parsePciAddress("01:00.1")], {
    force: true,
    dryRun: true,
  });

  expect(reports.flatMap((r) => r.warnings).filter((w) => w.startsWith("IOMMU"))).toEqual([]);
});

it("warns about a device with no IOMMU group", async () => {
  const [report] = await bindDevices(t.ctx, t.choose, [parsePciAddress("06:00.0")]);

  expect(report?.warnings).toContain("device has no IOMMU group (IOMMU off or not translating it); vfio cannot use it");
});
