/**
 * The sysfs walk of `modalias devices` keeps the bounded reader's guarantees while it reads
 * synchronously: a modalias that is a FIFO, or a link to /dev/zero, is refused at once, naming
 * it, and so is one over a page; a device whose link leads out of the sysfs root, or loops, is
 * refused, naming it; a device that vanished (its link left dangling) is skipped and the others
 * are listed.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";
import { FakeSysfs } from "../helpers/fake-sysfs.js";

let fake: FakeSysfs;
let aliases: string;
beforeEach(async () => {
  fake = await FakeSysfs.create();
  aliases = join(fake.base, "modules.alias");
  writeFileSync(aliases, "alias platform:pcspkr pcspkr\nalias acpi*:PNP0C0C:* button\n");
  addDevice("platform", "pcspkr", "platform:pcspkr");
  addDevice("acpi", "PNP0C0C:00", "acpi:PNP0C0C:");
});
afterEach(() => fake.cleanup());

/** A device under devices/BUS/NAME with its modalias, linked (relatively, as the kernel links) from bus/BUS/devices. */
function addDevice(bus: string, name: string, modalias: string): string {
  const dir = join(fake.sys, "devices", bus, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "modalias"), `${modalias}\n`);
  mkdirSync(join(fake.sys, "bus", bus, "devices"), { recursive: true });
  symlinkSync(join("../../../devices", bus, name), join(fake.sys, "bus", bus, "devices", name));
  return dir;
}

const devices = () =>
  modaliasInProcess([
    "devices",
    "--alias-file",
    aliases,
    "--no-config",
    "--sysfs-root",
    fake.sys,
    "--proc-root",
    fake.proc,
  ]);
const modaliasOf = (bus: string, name: string): string => join(fake.sys, "bus", bus, "devices", name, "modalias");

it("lists the devices through the kernel's relative links, devices alike answered alike", async () => {
  addDevice("acpi", "PNP0C0C:01", "acpi:PNP0C0C:");
  expect(await devices()).toEqual({
    status: 0,
    stdout:
      "acpi/PNP0C0C:00 acpi:PNP0C0C: module=button(not loaded) driver=-\n" +
      "acpi/PNP0C0C:01 acpi:PNP0C0C: module=button(not loaded) driver=-\n" +
      "platform/pcspkr platform:pcspkr module=pcspkr(not loaded) driver=-\n",
    stderr: "",
  });
});

it("refuses a FIFO as a device's modalias, naming it", { timeout: 10_000 }, async () => {
  const fifo = join(fake.sys, "devices/platform/pcspkr/modalias");
  unlinkSync(fifo);
  execFileSync("mkfifo", [fifo]);
  const run = await devices();
  expect(run).toMatchObject({
    stdout: "",
    stderr: `modalias: ${modaliasOf("platform", "pcspkr")}: is a FIFO, not a regular file\n`,
  });
  expect(run.status).not.toBe(0);
});

it("refuses a modalias over a page, naming it", async () => {
  writeFileSync(join(fake.sys, "devices/platform/pcspkr/modalias"), `platform:${"x".repeat(4096)}\n`);
  const run = await devices();
  expect(run.stderr).toBe(
    `modalias: ${modaliasOf("platform", "pcspkr")}: larger than 4096 bytes, the limit for this file\n`,
  );
  expect(run.status).not.toBe(0);
});

it("does not follow a modalias that is a link (to /dev/zero)", { timeout: 10_000 }, async () => {
  const file = join(fake.sys, "devices/acpi/PNP0C0C:00/modalias");
  unlinkSync(file);
  symlinkSync("/dev/zero", file);
  const run = await devices();
  expect(run.stderr).toBe(`modalias: ${modaliasOf("acpi", "PNP0C0C:00")}: is a symbolic link, not followed\n`);
  expect(run.status).not.toBe(0);
});

it("refuses a device whose link leads out of the sysfs root, naming it", async () => {
  const outside = join(fake.base, "outside/evil0");
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, "modalias"), "platform:pcspkr\n");
  const link = join(fake.sys, "bus/platform/devices/evil0");
  symlinkSync(outside, link);
  const run = await devices();
  expect(run.stderr).toBe(`modalias: ${link}: leads out of ${fake.sys} through a symbolic link\n`);
  expect(run.status).not.toBe(0);
});

it("refuses a device link that loops, naming it", { timeout: 10_000 }, async () => {
  const link = join(fake.sys, "bus/platform/devices/loop0");
  symlinkSync("loop0", link);
  const run = await devices();
  expect(run.stderr).toBe(`modalias: ${link}: too many levels of symbolic links\n`);
  expect(run.status).not.toBe(0);
});

it("skips a device that vanished, its link left behind, and lists the others", async () => {
  rmSync(join(fake.sys, "devices/platform/pcspkr"), { recursive: true });
  expect(await devices()).toEqual({
    status: 0,
    stdout: "acpi/PNP0C0C:00 acpi:PNP0C0C: module=button(not loaded) driver=-\n",
    stderr: "",
  });
});
