/**
 * `list-persisted` lists the PCI overrides in ROOT/etc/driverctl.d by address,
 * as text or JSON lines, skipping other buses' entries and temporary files;
 * with no directory it lists nothing and succeeds.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { removeRoot, tempRoot } from "../helpers/system-tree.js";

let root: string;
beforeEach(() => {
  root = tempRoot();
});
afterEach(() => removeRoot(root));

function persist(name: string, text: string): void {
  mkdirSync(join(root, "etc/driverctl.d"), { recursive: true });
  writeFileSync(join(root, "etc/driverctl.d", name), text);
}

it("prints DEVICE DRIVER per PCI entry, sorted by address", () => {
  persist("pci-0000:3b:00.1", "mlx5_vfio_pci\n");
  persist("pci-0000:01:00.0", "vfio-pci\n");
  persist("usb-1-1:1.0", "usbfs\n");
  persist(".pci-0000:02:00.0.1234.abcd.tmp", "vfio-pci\n");

  const run = modalias(["list-persisted", "--root", root]);

  expect(run).toMatchObject({ status: 0, stderr: "", stdout: "0000:01:00.0 vfio-pci\n0000:3b:00.1 mlx5_vfio_pci\n" });
});

it("prints one JSON object per device with --json", () => {
  persist("pci-0000:01:00.0", "vfio-pci\n");

  const run = modalias(["list-persisted", "--json", "--root", root]);

  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual({
    device: "0000:01:00.0",
    driver: "vfio-pci",
    file: join(root, "etc/driverctl.d/pci-0000:01:00.0"),
  });
});

it("lists nothing and succeeds when the directory does not exist", () => {
  expect(modalias(["list-persisted", "--root", root])).toMatchObject({ status: 0, stdout: "", stderr: "" });
});
