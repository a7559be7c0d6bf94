/**
 * Finding the driver a vfio module registers, loading the module if needed.
 *
 * driver_override takes a driver name, which need not be the module name
 * (module vfio_pci registers driver vfio-pci), so the name is read from
 * `module/<module>/drivers/pci:<driver>` once the module is loaded.
 */
import type { BinderContext } from "./context.js";
import { StepError } from "./errors.js";
import { pciDriversOf } from "../sysfs/drivers.js";
import { driverName, type DriverName, type ModuleName } from "../sysfs/names.js";
import type { SysfsReader } from "../sysfs/reader.js";

/** The PCI driver module `m` has registered, or null when it is not loaded. */
export async function registeredDriver(r: SysfsReader, m: ModuleName): Promise<DriverName | null> {
  const drivers = await pciDriversOf(r, m);
  if (drivers.length > 1)
    throw new StepError("load", `module ${m} registers several PCI drivers (${drivers.join(", ")})`);
  return drivers[0] ?? null;
}

/** Loads module `m` with blacklists honoured and returns its PCI driver, or throws a StepError saying why not. */
export async function loadDriver(ctx: BinderContext, m: ModuleName): Promise<DriverName> {
  const failure = await ctx.loader.load(m);
  const driver = await registeredDriver(ctx.sysfs, m);
  if (driver !== null) return driver;
  const prohibition = await ctx.loader.prohibition(m);
  if (prohibition?.kind === "blacklist") {
    throw new StepError(
      "load",
      `module ${m} is blacklisted (administratively prohibited by "${prohibition.line}")`,
      null,
      true,
    );
  }
  if (prohibition?.kind === "install") throw new StepError("load", `module ${m} is disabled by "${prohibition.line}"`);
  if (failure !== null) throw new StepError("load", `loading module ${m} failed: ${failure}`);
  throw new StepError("load", `module ${m} registered no PCI driver after loading`);
}

/**
 * The driver name a module that is not loaded yet will most likely register,
 * for --dry-run: its own name, except vfio_pci's `vfio-pci`.
 */
export function assumedDriver(m: ModuleName): DriverName {
  return driverName(m === "vfio_pci" ? "vfio-pci" : m);
}
