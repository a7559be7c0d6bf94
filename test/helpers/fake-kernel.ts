/**
 * A SysfsWriter that plays the kernel on a FakeSysfs: every write is logged
 * and lands in the file, and writes to driver_override, unbind, bind and
 * drivers_probe have the kernel's effect on the driver links.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SysfsPath, SysfsWriter } from "../../src/platform/sysfs.js";
import type { FakeSysfs } from "./fake-sysfs.js";

/** One write the binder made. */
export interface LoggedWrite {
  path: string;
  value: string;
}

/** How the fake kernel misbehaves. */
export interface KernelQuirks {
  /** Drivers whose probe declines every device (the device stays unbound). */
  probeDeclines?: string[];
  /** Paths (relative to the sysfs root) whose writes fail with EACCES. */
  deny?: string[];
}

/** A writer for `fake` with a log of the writes. */
export interface FakeKernel extends SysfsWriter {
  log: LoggedWrite[];
}

/** A system error like the ones node:fs throws. */
export function errno(code: string, path: string): Error {
  return Object.assign(new Error(`${code}: simulated, write '${path}'`), { code });
}

/** The kernel's reaction to writes in `fake`. */
export function fakeKernel(fake: FakeSysfs, quirks: KernelQuirks = {}): FakeKernel {
  const log: LoggedWrite[] = [];
  const probeDeclines = new Set(quirks.probeDeclines ?? []);

  const tryBind = async (address: string, driver: string): Promise<boolean> => {
    if (!(await fake.hasDriver(driver)) || probeDeclines.has(driver)) return false;
    await fake.bindLink(address, driver);
    return true;
  };

  return {
    log,
    async write(path: SysfsPath, value: string) {
      if (quirks.deny?.includes(path)) throw errno("EACCES", join(fake.sys, path));
      if (value === "") throw errno("EINVAL", join(fake.sys, path));
      log.push({ path, value });
      let m: RegExpExecArray | null;
      if ((m = /^bus\/pci\/devices\/([^/]+)\/driver_override$/.exec(path)) !== null) {
        const v = value.replace(/\n$/, "");
        await fake.setOverride(m[1] ?? "", v === "" ? null : v);
      } else if ((m = /^bus\/pci\/devices\/([^/]+)\/driver\/unbind$/.exec(path)) !== null) {
        if (value !== m[1] || (await fake.driverOf(value)) === null) throw errno("ENODEV", join(fake.sys, path));
        await fake.unbindLink(value);
      } else if ((m = /^bus\/pci\/drivers\/([^/]+)\/bind$/.exec(path)) !== null) {
        const override = await fake.overrideOf(value);
        if ((await fake.driverOf(value)) !== null) throw errno("EBUSY", join(fake.sys, path));
        if ((override !== null && override !== m[1]) || !(await tryBind(value, m[1] ?? "")))
          throw errno("ENODEV", join(fake.sys, path));
      } else if (path === "bus/pci/drivers_probe") {
        if ((await fake.driverOf(value)) !== null) return;
        const wanted = (await fake.overrideOf(value)) ?? fake.hostDrivers.get(value);
        if (wanted !== undefined) await tryBind(value, wanted);
      } else {
        await writeFile(join(fake.sys, path), value);
      }
    },
  };
}
