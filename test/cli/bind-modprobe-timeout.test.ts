/** `bind --modprobe-timeout SECONDS` stops a hanging modprobe and reports the load as failed, changing nothing. */
import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";
import { aliasArgs, type Scenario, scenario, UNBOUND_NIC } from "../helpers/scenario.js";

let t: Scenario;
beforeEach(async () => (t = await scenario([UNBOUND_NIC])));
afterEach(() => t.fake.cleanup());

it("gives up on modprobe after the timeout", { timeout: 10_000 }, async () => {
  const modprobe = join(t.fake.base, "hanging-modprobe");
  writeFileSync(modprobe, "#!/bin/sh\nsleep 30\n");
  chmodSync(modprobe, 0o755);
  const tree = ["--sysfs-root", t.fake.sys, "--proc-root", t.fake.proc, "--modprobe", modprobe];

  const run = await modaliasInProcess(["bind", ...aliasArgs(t), ...tree, "--modprobe-timeout", "0.2", "06:00.0"]);

  expect(run.status).toBe(1);
  expect(run.stderr).toBe(
    `modalias: 0000:06:00.0: load failed: loading module vfio_pci failed: ${modprobe} timed out after 0.2 s and was killed; nothing was changed\n`,
  );
});
