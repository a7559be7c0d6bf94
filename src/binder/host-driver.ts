/**
 * Giving a released device back to the host. When the probe after unbind
 * leaves the device without a driver, its host driver's module is usually not
 * loaded (vfio took the device at boot). Loading the modules its modalias
 * matches, blacklists honoured, is what udev would have done; a driver that
 * registers probes unbound devices by itself.
 */
import type { PciAddress } from "./address.js";
import { checkPciModalias } from "./chooser.js";
import type { BinderContext } from "./context.js";
import type { Action } from "./report.js";
import { readBinding, readModalias, type Binding } from "../sysfs/device.js";

/** The binding after loading the device's host driver, and why loading failed, if it did. */
export interface HostLoad {
  binding: Binding;
  problem: string | null;
}

/** Runs `modprobe -b MODALIAS` for device `a`, recording it in `done`. */
export async function loadHostDriver(ctx: BinderContext, a: PciAddress, done: Action[]): Promise<HostLoad> {
  const modalias = checkPciModalias(await readModalias(ctx.sysfs, a));
  done.push({ kind: "modprobe", argv: ctx.loader.loadCommand(modalias) });
  const problem = await ctx.loader.load(modalias);
  return { binding: await readBinding(ctx.sysfs, a), problem };
}
