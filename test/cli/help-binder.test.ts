/** Each command's --help lists its options and shows an example. */
import { expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";

it.each([
  ["vfio", ["--json", "--sysfs-root"], "$ modalias vfio 0000:3b:00.0"],
  [
    "bind",
    ["--force", "--dry-run", "--json", "--sysfs-root", "--proc-root", "--modprobe"],
    "$ modalias bind --dry-run 0000:01:00.0",
  ],
  ["unbind", ["--no-reprobe", "--force", "--dry-run", "--json", "--modprobe"], "$ sudo modalias unbind 0000:01:00.0"],
  ["status", ["--json", "--sysfs-root"], "$ modalias status 01:00.0"],
])("%s --help", async (command, options, example) => {
  const run = await modaliasInProcess([command, "--help"]);

  expect(run.status).toBe(0);
  for (const option of options) expect(run.stdout).toContain(option);
  expect(run.stdout).toContain("Example:");
  expect(run.stdout).toContain(example);
});
