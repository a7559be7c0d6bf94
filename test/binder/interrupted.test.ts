/**
 * Interruptions: a bind interrupted between two writes stops before the next
 * and rolls back; `modalias bind` sent SIGTERM while modprobe runs stops
 * modprobe, reports the device as interrupted and exits 1 by itself. After a
 * crash left a device half-bound (a vfio override it is not bound to),
 * `status` says so and how to repair it, and `unbind` repairs it.
 */
import { spawn } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { bindDevice } from "../../src/binder/bind.js";
import { parsePciAddress, type SysfsPath } from "../../src/platform/sysfs.js";
import { MAIN, modaliasInProcess } from "../helpers/cli.js";
import { aliasArgs, GPU, type Scenario, scenario, treeArgs } from "../helpers/scenario.js";

const DEVICE = parsePciAddress(GPU.address);
let t: Scenario;
afterEach(() => t.fake.cleanup());

it("rolls back a bind interrupted between its writes", async () => {
  t = await scenario([GPU], { loaded: { vfio_pci: "vfio-pci" } });
  const controller = new AbortController();
  const kernel = t.ctx.writer;
  const writer = {
    async write(path: SysfsPath, value: string) {
      await kernel.write(path, value);
      if (path.endsWith("/driver/unbind")) controller.abort("SIGTERM");
    },
  };

  const report = await bindDevice({ ...t.ctx, writer }, t.choose, DEVICE, { force: true, signal: controller.signal });

  expect(report.error).toMatchObject({ step: "probe", rollback: "complete" });
  expect(report.error?.reason).toMatch(/^interrupted by SIGTERM before this step/);
  expect(await t.fake.driverOf(GPU.address)).toBe("nouveau");
  expect(await t.fake.overrideOf(GPU.address)).toBeNull();
});

it("stops on SIGTERM while modprobe runs, reports and exits 1", { timeout: 10_000 }, async () => {
  t = await scenario([GPU]);
  const modprobe = join(t.fake.base, "slow-modprobe");
  writeFileSync(modprobe, "#!/bin/sh\nsleep 30\n");
  chmodSync(modprobe, 0o755);
  const args = [...aliasArgs(t), "--sysfs-root", t.fake.sys, "--proc-root", t.fake.proc, "--modprobe", modprobe];
  const child = spawn(process.execPath, [MAIN, "bind", "--force", ...args, GPU.address]);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  setTimeout(() => child.kill("SIGTERM"), 700);

  const [status, signal] = await new Promise<[number | null, string | null]>((resolve) =>
    child.on("close", (code, sig) => resolve([code, sig])),
  );

  expect(signal).toBeNull();
  expect(status).toBe(1);
  expect(stderr).toContain("was interrupted");
  expect(await t.fake.driverOf(GPU.address)).toBe("nouveau");
  expect(await t.fake.overrideOf(GPU.address)).toBeNull();
});

it("shows a half-bound device in status, and unbind repairs it", async () => {
  t = await scenario([{ ...GPU, override: "vfio-pci" }], { loaded: { vfio_pci: "vfio-pci" } });

  const status = await modaliasInProcess(["status", ...aliasArgs(t), ...treeArgs(t).slice(0, 4), GPU.address]);
  expect(status.stdout).toContain(
    `  half-done: driver_override is vfio-pci but nouveau holds it: a bind or unbind did not finish; \`modalias unbind ${GPU.address}\` gives it back to the host`,
  );

  const repair = await modaliasInProcess(["unbind", ...treeArgs(t), GPU.address]);
  expect(repair.status).toBe(0);
  expect(readFileSync(join(t.fake.deviceDir(GPU.address), "driver_override"), "utf8")).toBe("\n");
  expect(await t.fake.driverOf(GPU.address)).toBe("nouveau");
});
