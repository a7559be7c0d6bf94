/**
 * Checks that cannot run fail closed: with no readable routing or mount table
 * (a missing --proc-root), a NIC with an interface or a controller with a
 * disk is refused, naming the check and the file; --force takes it anyway.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { bindDevice } from "../../src/binder/bind.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { type Scenario, scenario } from "../helpers/scenario.js";

const NIC = { address: "0000:02:00.0", vendor: "8086", device: "1533", group: 15, net: ["enp2s0"] };
const NVME = { address: "0000:04:00.0", vendor: "144d", device: "a808", group: 16, disks: { nvme0n1: ["nvme0n1p1"] } };

let t: Scenario;
beforeEach(async () => {
  t = await scenario([NIC, NVME]);
  await rm(t.fake.proc, { recursive: true });
});
afterEach(() => t.fake.cleanup());

it("refuses a NIC whose routes cannot be checked, naming the file", async () => {
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("02:00.0"));

  expect(report.outcome).toBe("refused");
  expect(report.error?.reason).toBe(
    `cannot check the routes of network interface enp2s0 (${join(t.fake.proc, "net/route")}: no such file (ENOENT)) (use --force to take it anyway)`,
  );
  expect(t.kernel.log).toEqual([]);
});

it("refuses a controller whose mounts cannot be checked", async () => {
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("04:00.0"));

  expect(report.outcome).toBe("refused");
  expect(report.error?.reason).toContain("cannot check whether disk nvme0n1, nvme0n1p1 is mounted");
  expect(report.error?.reason).toContain(`${join(t.fake.proc, "mounts")}: no such file`);
});

it("takes it with --force, with the check named in a warning", async () => {
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("02:00.0"), { force: true });

  expect(report.outcome).toBe("bound");
  expect(report.warnings[0]).toMatch(
    /^taking it anyway \(--force\): cannot check the routes of network interface enp2s0/,
  );
});
