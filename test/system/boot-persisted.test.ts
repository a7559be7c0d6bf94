/**
 * The boot unit's command (`modalias bind --persisted ADDRESS`) takes a
 * persisted device from its host driver, but never one whose disk is mounted,
 * and never a device that is no longer what was persisted (its recorded
 * modalias), saying why on stderr (the journal). `bind --persist` records
 * that identity beside driverctl's entry, which keeps driverctl's format.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { bindUnit } from "../../src/system/hooks.js";
import { modaliasInProcess } from "../helpers/cli.js";
import { aliasArgs, GPU, type Scenario, scenario, treeArgs } from "../helpers/scenario.js";
import { removeRoot, tempRoot } from "../helpers/system-tree.js";

const NVME = {
  address: "0000:04:00.0",
  vendor: "144d",
  device: "a808",
  classCode: "010802",
  driver: "nvme",
  group: 16,
  disks: { nvme0n1: ["nvme0n1p1"] },
};

let t: Scenario;
let root: string;
beforeEach(async () => {
  t = await scenario([NVME, GPU], { loaded: { vfio_pci: "vfio-pci" } });
  root = tempRoot();
  mkdirSync(join(root, "etc/driverctl.d"), { recursive: true });
  for (const address of [NVME.address, GPU.address]) {
    writeFileSync(join(root, "etc/driverctl.d", `pci-${address}`), "vfio-pci\n");
  }
});
afterEach(async () => {
  await t.fake.cleanup();
  removeRoot(root);
});

/** Runs what the boot unit runs for `address`, on the fake tree. */
function bootBind(address: string) {
  const exec = /^ExecStart=\/usr\/bin\/env modalias (.*) %i$/m.exec(bindUnit(null))?.[1] ?? "";
  return modaliasInProcess([...exec.split(" "), ...aliasArgs(t), ...treeArgs(t), "--root", root, address]);
}

it("never takes a persisted controller whose disk is mounted", async () => {
  await t.fake.appendProc("self/mounts", "/dev/nvme0n1p1 / ext4 rw 0 0\n");

  const run = await bootBind(NVME.address);

  expect(run.status).toBe(1);
  expect(run.stderr).toContain("refused: disk nvme0n1p1 is mounted on / (use --force to take it anyway)");
  expect(await t.fake.driverOf(NVME.address)).toBe("nvme");
});

it("takes a persisted device from its host driver when nothing uses it", async () => {
  const run = await bootBind(GPU.address);

  expect(run.stderr).toContain("warning: taking it from host driver nouveau (--from-host)");
  expect(run.stderr).not.toContain("refused");
});

it("refuses a device that is no longer what was persisted", async () => {
  const identity = join(root, "etc/modalias/persisted", `pci-${GPU.address}`);
  mkdirSync(join(root, "etc/modalias/persisted"), { recursive: true });
  const was = "pci:v000015B3d0000101Esv000015B3sd00000016bc02sc00i00";
  writeFileSync(identity, `${was}\n`);

  const run = await bootBind(GPU.address);

  expect(run.status).toBe(1);
  expect(run.stderr).toBe(
    `modalias: ${GPU.address}: refused: not the device persisted in ${identity}: it was ${was}, it is now pci:v000010DEd00002204sv000010DEsd00000000bc03sc00i00\n`,
  );
  expect(await t.fake.driverOf(GPU.address)).toBe("nouveau");
});

it("bind --persist records the identity apart, keeping driverctl's entry a driver name", async () => {
  const bound = await scenario([{ ...GPU, driver: "vfio-pci", override: "vfio-pci" }], {
    loaded: { vfio_pci: "vfio-pci" },
  });
  const fresh = tempRoot();
  try {
    const args = ["bind", "--persist", "--root", fresh, ...aliasArgs(bound), ...treeArgs(bound), GPU.address];
    const run = await modaliasInProcess(args);

    expect(run).toMatchObject({ status: 0, stderr: "" });
    expect(readFileSync(join(fresh, "etc/driverctl.d", `pci-${GPU.address}`), "utf8")).toBe("vfio-pci\n");
    expect(readFileSync(join(fresh, "etc/modalias/persisted", `pci-${GPU.address}`), "utf8")).toBe(
      "pci:v000010DEd00002204sv000010DEsd00000000bc03sc00i00\n",
    );
  } finally {
    await bound.fake.cleanup();
    removeRoot(fresh);
  }
});
