/**
 * The binder on a real kernel: builds a Debian kernel and an initramfs holding
 * node and the built project (build-initramfs.sh), boots it under qemu
 * (qemu.ts), and reads the result lines the guest (guest.sh) prints, one per
 * check, with the real CLI against the real sysfs:
 *
 * - `status` and `vfio` name vfio_pci and the e1000's IOMMU group;
 * - `bind` refuses the e1000 while e1000 holds it (and names its interface
 *   once that carries a route), takes it with `--force`
 *   (driver vfio-pci, /dev/vfio/GROUP exists), and a second bind changes nothing;
 * - `unbind` gives it back to e1000;
 * - an alias choosing a module that does not exist fails the bind cleanly and
 *   leaves the device on e1000 with no override;
 * - vfio-pci declining a device (a root port: not a normal header) after the
 *   drivers_probe write succeeded is caught by the verify step and rolled back
 *   to pcieport with the override cleared;
 * - a key only a built-in driver claims (the first plain alias in the real
 *   modules.builtin.modinfo) is answered from it, as `modprobe -R` answers;
 * - a configuration alias in /etc/modprobe.d comes first, as for
 *   `modprobe -R`, and `vfio` names the line that blacklists vfio_pci;
 * - `bind --group` binds both functions of a two-function e1000, which share
 *   an IOMMU group, and `unbind --group` gives both back to e1000 (qemu cannot
 *   make the device link of a GPU's audio function: its quirk wants an NVIDIA
 *   or AMD GPU; the fake sysfs tests cover companions);
 * - `devices` names, for every device the guest has, what its own `modprobe -R` names.
 *
 * Needs qemu-system-x86, busybox-static, cpio, kmod and apt (see README.md,
 * "Real-kernel test"). Run with `npm run test:vm`, not part of `npm test`.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, expect, it } from "vitest";
import { type Boot, bootGuest } from "./qemu.js";

const CHECKS = [
  "status",
  "vfio",
  "bind-refused",
  "bind-refused-routes",
  "bind-force",
  "bind-again",
  "unbind",
  "rollback-missing-module",
  "rollback-probe-declined",
  "builtin-alias",
  "config",
  "bind-group",
  "unbind-group",
  "devices",
];
const BOOT_TIMEOUT_SECONDS = 360;

let boot: Boot;
let transcript: string;

beforeAll(async () => {
  const builder = fileURLToPath(new URL("build-initramfs.sh", import.meta.url));
  const cache = fileURLToPath(new URL(".cache", import.meta.url));
  const built = execFileSync("bash", [builder, cache], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const [kernel, initrd] = built.trim().split("\n");
  if (kernel === undefined || initrd === undefined) throw new Error(`build-initramfs.sh printed: ${built}`);
  boot = await bootGuest(kernel, initrd, BOOT_TIMEOUT_SECONDS);
  transcript = guestLines(boot.console).join("\n");
  process.stdout.write(`${transcript}\n`);
});

it.each(CHECKS)("%s", (check) => {
  const lines = guestLines(boot.console).filter((line) => line.startsWith(`RESULT ${check} `));
  expect(lines, `no result for ${check}; the guest printed:\n${transcript}`).toHaveLength(1);
  expect(lines[0], transcript).toMatch(new RegExp(`^RESULT ${check} PASS\\b`));
});

it("the guest ran every check and powered off", () => {
  const names = guestLines(boot.console).flatMap((line) => /^RESULT (\S+) /.exec(line)?.[1] ?? []);
  expect(names, transcript).toEqual(CHECKS);
  expect(guestLines(boot.console), boot.console).toContain("DONE");
  expect(boot.status, `qemu ended with status ${boot.status} (124: timed out)`).toBe(0);
});

/** The guest's own lines (after the firmware's screen), without terminal escapes or kernel messages. */
function guestLines(output: string): string[] {
  return (
    output
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the guest console's ANSI escapes (ESC) are what is removed
      .replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1bc/g, "")
      .split("\n")
      .filter((line) => line !== "" && !/^\[\s*\d+\.\d+\]/.test(line))
  );
}
