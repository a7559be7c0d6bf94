/**
 * Text read from sysfs, a configuration file or an index never prints a control character raw:
 * `devices` quotes a modalias holding one, `vfio` an alias pattern holding one (a newline would
 * forge a line of output, an escape sequence would reach the terminal).
 */
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";
import { FakeSysfs } from "../helpers/fake-sysfs.js";
import { type Scenario, scenario, UNBOUND_NIC } from "../helpers/scenario.js";

let fake: FakeSysfs | undefined;
let t: Scenario | undefined;
afterEach(async () => {
  await fake?.cleanup();
  await t?.fake.cleanup();
});

it("devices quotes a modalias with an escape sequence", async () => {
  fake = await FakeSysfs.create();
  const dir = join(fake.sys, "devices/platform/evil");
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "modalias"), "platform:ev\u001b[2Jil\n");
  await mkdir(join(fake.sys, "bus/platform/devices"), { recursive: true });
  await symlink(dir, join(fake.sys, "bus/platform/devices/evil"));
  const aliases = join(fake.base, "modules.alias");
  await writeFile(aliases, "alias platform:nothing nothing\n");

  const run = await modaliasInProcess(["devices", "--sysfs-root", fake.sys, "--alias-file", aliases, "--no-config"]);
  expect(run.stdout).not.toContain("\u001b");
  expect(run.stdout).toBe('platform/evil "platform:ev\\u001b[2Jil" module=- driver=-\n');
});

it("vfio quotes a configuration alias pattern with a control character", async () => {
  t = await scenario([UNBOUND_NIC]);
  const conf = join(t.fake.base, "evil.conf");
  await writeFile(conf, "alias vfio_pci:v[\u00010]* evil_vfio_pci\n");
  const aliases = join(t.fake.base, "modules.alias");
  await writeFile(aliases, "alias vfio_pci:v*d*sv*sd*bc*sc*i* vfio_pci\n");

  const run = await modaliasInProcess([
    "vfio",
    "--alias-file",
    aliases,
    "-C",
    conf,
    "--sysfs-root",
    t.fake.sys,
    "06:00.0",
  ]);
  expect(run.stdout).not.toContain("\u0001");
  expect(run.stdout).toContain(`  alias      ${conf} line 1: "vfio_pci:v[\\u00010]*" (1 star)`);
});
