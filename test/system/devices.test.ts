/**
 * `modalias devices` on a fake sysfs of several buses (pci, usb, acpi, platform, virtio): every
 * device with a modalias, answered as `match --all` answers its modalias, with the driver bound
 * now, each module's state (loaded, built in, blacklisted by the configuration) and the names
 * from a PCI ID database; --bus filters, --modules gives the set an initramfs needs.
 */
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { modalias, modaliasInProcess } from "../helpers/cli.js";
import { FakeSysfs } from "../helpers/fake-sysfs.js";

const ALIASES = [
  "alias pci:v00008086d000015BBsv*sd*bc*sc*i* e1000e",
  "alias pci:v000010DEd*sv*sd*bc03sc*i* nouveau",
  "alias pci:v000010DEd*sv*sd*bc03sc00i00* nvidiafb",
  "alias usb:v046DpC52Bd*dc*dsc*dp*ic03isc*ip*in* usbhid",
  "alias acpi*:PNP0C0C:* button",
  "alias virtio:d00000001v* virtio_net",
  "",
].join("\n");
const BUILTIN = "rtc_cmos.alias=platform:rtc_cmos\0";
const PCI_IDS = "8086  Intel Corporation\n\t15bb  Ethernet Connection (7) I219-LM\n10de  NVIDIA Corporation\n";
const USB_IDS = "046d  Logitech, Inc.\n\tc52b  Unifying Receiver\n";

let fake: FakeSysfs;
/** The alias sources (also given to `match`), then everything. */
let sources: string[];
let args: string[];

/** A device of any bus: its directory under sys/devices, linked from bus/BUS/devices/NAME. */
async function addBusDevice(bus: string, name: string, modalias: string, driver?: string): Promise<void> {
  const dir = join(fake.sys, "devices", bus, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "modalias"), `${modalias}\n`);
  await mkdir(join(fake.sys, "bus", bus, "devices"), { recursive: true });
  await symlink(dir, join(fake.sys, "bus", bus, "devices", name));
  if (driver !== undefined) {
    await mkdir(join(fake.sys, "bus", bus, "drivers", driver), { recursive: true });
    await symlink(join(fake.sys, "bus", bus, "drivers", driver), join(dir, "driver"));
  }
}

beforeAll(async () => {
  fake = await FakeSysfs.create();
  await fake.addDriver("e1000e", "e1000e");
  await fake.addDevice({ address: "0000:00:1f.6", vendor: "8086", device: "15bb", driver: "e1000e" });
  await fake.addDevice({ address: "0000:01:00.0", vendor: "10de", device: "2204", classCode: "030000" });
  await mkdir(join(fake.sys, "module/e1000e"), { recursive: true });
  await writeFile(join(fake.sys, "module/e1000e/initstate"), "live\n");
  await addBusDevice("usb", "1-1:1.0", "usb:v046DpC52Bd1201dc00dsc00dp00ic03isc01ip01in00");
  await addBusDevice("acpi", "PNP0C0C:00", "acpi:PNP0C0C:", "button");
  await addBusDevice("platform", "rtc_cmos", "platform:rtc_cmos");
  await addBusDevice("platform", "pcspkr", "platform:pcspkr");
  await addBusDevice("virtio", "virtio0", "virtio:d00000001v00001AF4", "virtio_net");
  await addBusDevice("cpu", "cpu0", "");
  const files = join(fake.base, "files");
  await mkdir(join(files, "modprobe.d"), { recursive: true });
  await writeFile(join(files, "modules.alias"), ALIASES);
  await writeFile(join(files, "modules.builtin.modinfo"), BUILTIN);
  await writeFile(join(files, "pci.ids"), PCI_IDS);
  await writeFile(join(files, "usb.ids"), USB_IDS);
  await writeFile(join(files, "modprobe.d/blacklist.conf"), "blacklist nvidiafb\n");
  sources = [
    "--alias-file",
    join(files, "modules.alias"),
    "--builtin-modinfo",
    join(files, "modules.builtin.modinfo"),
    "-C",
    join(files, "modprobe.d"),
  ];
  const tree = ["--sysfs-root", fake.sys, "--proc-root", fake.proc];
  const names = ["--pci-ids", join(files, "pci.ids"), "--usb-ids", join(files, "usb.ids")];
  args = [...tree, ...sources, ...names];
});
afterAll(async () => fake?.cleanup());

it("lists every device with a modalias, by bus then name, with modules, states, drivers and names", async () => {
  const run = await modaliasInProcess(["devices", ...args]);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(run.stdout.split("\n")).toEqual([
    "acpi/PNP0C0C:00 acpi:PNP0C0C: module=button(not loaded) driver=button",
    "0000:00:1f.6 pci:v00008086d000015BBsv00008086sd00000000bc02sc00i00 module=e1000e(loaded) driver=e1000e  Intel Corporation: Ethernet Connection (7) I219-LM",
    "0000:01:00.0 pci:v000010DEd00002204sv000010DEsd00000000bc03sc00i00 module=nvidiafb(not loaded) also=nouveau(not loaded) driver=-  NVIDIA Corporation",
    `  module nvidiafb is blacklisted by ${join(fake.base, "files/modprobe.d/blacklist.conf")} line 1`,
    "platform/pcspkr platform:pcspkr module=- driver=-",
    "platform/rtc_cmos platform:rtc_cmos module=rtc_cmos(built-in) driver=-",
    "usb/1-1:1.0 usb:v046DpC52Bd1201dc00dsc00dp00ic03isc01ip01in00 module=usbhid(not loaded) driver=-  Logitech, Inc.: Unifying Receiver",
    "virtio/virtio0 virtio:d00000001v00001AF4 module=virtio_net(not loaded) driver=virtio_net",
    "",
  ]);
});

it("answers each modalias as match and match --all do", async () => {
  const run = await modaliasInProcess(["devices", "--json", ...args]);
  const reports = run.stdout
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as { modalias: string; module: string | null; modules: { module: string }[] });
  expect(reports).toHaveLength(7);
  const keys = reports.map((r) => r.modalias);
  const match = modalias(["match", "--all", ...sources, ...keys]);
  const named = (r: { modalias: string }, modules: string): string => `${r.modalias} ${modules === "" ? "-" : modules}`;
  expect(match.stdout.split("\n").slice(0, -1)).toEqual(
    reports.map((r) => named(r, r.modules.map((m) => m.module).join(" "))),
  );
  const best = modalias(["match", ...sources, ...keys]);
  expect(best.stdout.split("\n").slice(0, -1)).toEqual(reports.map((r) => named(r, r.module ?? "")));
});

it("keeps to the buses named and refuses a bus sysfs does not have", async () => {
  const pci = await modaliasInProcess(["devices", "--bus", "pci", "--bus", "virtio", ...args]);
  const devices = pci.stdout.split("\n").filter((l) => !l.startsWith(" "));
  expect(devices.map((l) => l.split(" ")[0])).toEqual(["0000:00:1f.6", "0000:01:00.0", "virtio/virtio0", ""]);
  const bad = await modaliasInProcess(["devices", "--bus", "pcx", ...args]);
  expect(bad).toMatchObject({ status: 2, stdout: "", stderr: `modalias: no bus pcx in ${join(fake.sys, "bus")}\n` });
});

it("prints the modules the devices need, once each, sorted, built-in ones only with --builtin", async () => {
  const needed = await modaliasInProcess(["devices", "--modules", ...args]);
  expect(needed.stdout).toBe("button\ne1000e\nnouveau\nnvidiafb\nusbhid\nvirtio_net\n");
  const all = await modaliasInProcess(["devices", "--modules", "--builtin", ...args]);
  expect(all.stdout).toBe("button\ne1000e\nnouveau\nnvidiafb\nrtc_cmos (built-in)\nusbhid\nvirtio_net\n");
});

it("refuses an ID database the user names that cannot be read, naming it", async () => {
  const missing = join(fake.base, "files/missing.ids");
  const run = await modaliasInProcess(["devices", ...args, "--pci-ids", missing]);
  expect(run).toMatchObject({ status: 2, stdout: "", stderr: `modalias: ${missing}: no such file\n` });
});
