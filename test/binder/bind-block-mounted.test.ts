/** A disk controller with a mounted partition is refused unless forced. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { bindDevice } from "../../src/binder/bind.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { type Scenario, scenario } from "../helpers/scenario.js";

const NVME = {
  address: "0000:04:00.0",
  vendor: "144d",
  device: "a80a",
  classCode: "010802",
  driver: "nvme",
  group: 16,
  disks: { nvme0n1: ["nvme0n1p1", "nvme0n1p2"] },
};

let t: Scenario;
beforeEach(async () => {
  t = await scenario([NVME]);
  await t.fake.appendProc("self/mounts", "/dev/nvme0n1p2 /srv\\040data ext4 rw,relatime 0 0\n");
});
afterEach(() => t.fake.cleanup());

it("refuses, naming the partition and where it is mounted", async () => {
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("04:00.0"));

  expect(report.outcome).toBe("refused");
  expect(report.error?.reason).toContain("disk nvme0n1p2 is mounted on /srv data");
  expect(report.error?.reason).not.toContain("nvme0n1p1");
});

it("refuses a disk used as swap", async () => {
  await t.fake.appendProc("swaps", "/dev/nvme0n1p1                          partition\t8388604\t0\t-2\n");
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("04:00.0"));

  expect(report.error?.reason).toContain("disk nvme0n1p1 is in use as swap");
});
