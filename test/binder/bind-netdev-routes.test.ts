/** A NIC whose interface carries routes is refused unless forced. */
import { mkdir, symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { bindDevice } from "../../src/binder/bind.js";
import { parsePciAddress } from "../../src/platform/sysfs.js";
import { type Scenario, scenario } from "../helpers/scenario.js";

const NIC = { address: "0000:02:00.0", vendor: "8086", device: "1533", driver: "igb", group: 15, net: ["enp2s0"] };

let t: Scenario;
beforeEach(async () => {
  t = await scenario([NIC]);
  await t.fake.appendProc("net/route", "enp2s0\t00000000\t0102A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n");
});
afterEach(() => t.fake.cleanup());

it("refuses, naming the interface", async () => {
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("02:00.0"));

  expect(report.outcome).toBe("refused");
  expect(report.error?.reason).toContain("network interface enp2s0 carries routes");
  expect(t.kernel.log).toEqual([]);
});

it("binds with --force and warns", async () => {
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("02:00.0"), { force: true });

  expect(report.outcome).toBe("bound");
  expect(report.warnings).toContain("taking it anyway (--force): network interface enp2s0 carries routes");
});

it("does not count IPv6 link-local routes, which every interface that is up has", async () => {
  await t.fake.setProc(
    "net/route",
    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n",
  );
  await t.fake.setProc(
    "net/ipv6_route",
    `fe800000000000000000000000000000 40 ${"0".repeat(32)} 00 ${"0".repeat(32)} 00000100 00000001 00000000 00000001   enp2s0\n`,
  );
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("02:00.0"));

  expect(report.error?.reason).toBe("bound to host driver igb (use --force to take it anyway)");
});

it("counts a global IPv6 route", async () => {
  await t.fake.setProc(
    "net/route",
    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n",
  );
  await t.fake.setProc(
    "net/ipv6_route",
    `20010db8000000000000000000000000 40 ${"0".repeat(32)} 00 ${"0".repeat(32)} 00000100 00000001 00000000 00000001   enp2s0\n`,
  );
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("02:00.0"));

  expect(report.error?.reason).toContain("network interface enp2s0 carries routes");
});

it("counts routes on the bridge the interface is enslaved to", async () => {
  await t.fake.setProc(
    "net/route",
    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\nbr0\t00000000\t0102A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n",
  );
  await mkdir(join(t.fake.sys, "devices/virtual/net/br0"), { recursive: true });
  await symlink("../../../../virtual/net/br0", join(t.fake.deviceDir("0000:02:00.0"), "net/enp2s0/master"));
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("02:00.0"));

  expect(report.error?.reason).toContain("network interface enp2s0 is part of br0, which carries routes");
});

it("finds an interface that sits deeper below the device, as a virtio NIC’s does", async () => {
  const nested = join(t.fake.deviceDir("0000:02:00.0"), "virtio2/net/eth0");
  await mkdir(nested, { recursive: true });
  await symlink("../../devices/pci0000:02/0000:02:00.0/virtio2/net/eth0", join(t.fake.sys, "class/net/eth0"));
  await t.fake.appendProc("net/route", "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n");
  const report = await bindDevice(t.ctx, t.choose, parsePciAddress("02:00.0"));

  expect(report.error?.reason).toContain("network interface eth0 carries routes");
});
