/**
 * Drivers and the modules behind them, as sysfs shows them.
 *
 * A loaded module lists the drivers it registered as `module/<m>/drivers/<bus>:<driver>`;
 * a registered PCI driver has `bus/pci/drivers/<driver>` with a `module` link back.
 */
import { driverName, moduleName, type DriverName, type ModuleName } from "./names.js";
import { driverModule, moduleDrivers } from "./paths.js";
import type { SysfsReader } from "./reader.js";

/** The PCI drivers module `m` has registered (empty when it is not loaded). */
export async function pciDriversOf(r: SysfsReader, m: ModuleName): Promise<DriverName[]> {
  const entries = (await r.list(moduleDrivers(m))) ?? [];
  return entries.filter((e) => e.startsWith("pci:")).map((e) => driverName(e.slice("pci:".length)));
}

/** The module that registered driver `d`, or null when sysfs does not say (some built-in drivers). */
export async function moduleOf(r: SysfsReader, d: DriverName): Promise<ModuleName | null> {
  const link = await r.linkName(driverModule(d));
  return link === null ? null : moduleName(link);
}
