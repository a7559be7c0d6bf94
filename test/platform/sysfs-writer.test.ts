/** The default writer writes the whole value once, replaces old content, and never creates a missing attribute. */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { fsWriter, type SysfsPath } from "../../src/platform/sysfs.js";

let root: string;
beforeEach(async () => (root = await mkdtemp(join(tmpdir(), "modalias-writer-"))));
afterEach(() => rm(root, { recursive: true, force: true }));

it("replaces the old value", async () => {
  await writeFile(join(root, "driver_override"), "mlx5_vfio_pci\n");
  await fsWriter(root).write("driver_override" as SysfsPath, "\n");
  expect(await readFile(join(root, "driver_override"), "utf8")).toBe("\n");
});

it("fails with ENOENT instead of creating a missing attribute", async () => {
  await expect(fsWriter(root).write("driver_override" as SysfsPath, "vfio-pci")).rejects.toMatchObject({
    code: "ENOENT",
  });
  await expect(readFile(join(root, "driver_override"))).rejects.toMatchObject({ code: "ENOENT" });
});
