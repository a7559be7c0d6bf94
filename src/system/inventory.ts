/**
 * Every device's module, as `lspci -k` shows "Kernel modules:" and initramfs generators
 * (mkinitcpio's autodetect, dracut's host-only mode) collect them: for each device in sysfs
 * with a modalias, the modules kmod would load for it (the best, and all in kmod's order, by
 * the same rules as `match`), the driver bound now, each module's state (loaded, built in,
 * prohibited by the configuration), and the vendor and device names where an ID database
 * has them. One index, one walk of sysfs, each module's state read once.
 */
import { InvalidKeyError } from "../kmod/normalize.js";
import type { AliasLookup, Origin } from "../lookup/lookup.js";
import type { IdDatabase } from "../parse/ids.js";
import { describeProhibition, type ModprobeConfig, prohibitionOf } from "../parse/modprobe-config.js";
import { listDevices } from "../platform/devices.js";
import { moduleInitstate, moduleName, modulesDir, type SysfsReader } from "../platform/sysfs.js";

/** A module kmod would load for a device, and its state. */
export interface ModuleState {
  module: string;
  origin: Origin;
  /** Built into the kernel (a built-in alias answered): nothing to load. */
  builtin: boolean;
  /** Loaded now (`/sys/module/<module>/initstate` is `live`); built-in modules count as loaded. */
  loaded: boolean;
  /** What in the configuration keeps modprobe from loading it, or null. */
  prohibited: string | null;
}

/** One device with a modalias. */
export interface DeviceReport {
  bus: string;
  /** Its name under `bus/<bus>/devices` (a PCI address for pci). */
  device: string;
  modalias: string;
  /** The driver bound now, or null. */
  driver: string | null;
  /** The best module, or null when no alias matches. */
  module: string | null;
  /** Every module kmod would load, in kmod's order. */
  modules: ModuleState[];
  vendorName: string | null;
  deviceName: string | null;
  /** Why the modalias could not be looked up (kmod would reject it), else null. */
  error: string | null;
}

/** The ID databases to name devices with; null where there is none. */
export interface IdDatabases {
  pci: IdDatabase | null;
  usb: IdDatabase | null;
}

/**
 * Every device with a modalias (on the buses in `only`, or all), with its modules. Synchronous
 * inside (the walk and each module's state are a few system calls each, platform/devices.ts);
 * a promise for the callers.
 */
export async function inventory(
  sysfs: SysfsReader,
  lookup: AliasLookup,
  config: ModprobeConfig | null,
  ids: IdDatabases,
  only: ReadonlySet<string> | null = null,
): Promise<DeviceReport[]> {
  // Only a module with a directory can be loaded: one listing spares a failed open for each of the others.
  const present = new Set((await sysfs.list(modulesDir())) ?? []);
  const states = new Map<string, ModuleState>();
  const stateOf = (module: string, origin: Origin): ModuleState => {
    const key = `${origin} ${module}`;
    let state = states.get(key);
    if (state === undefined) {
      state = moduleState(sysfs, config, present, module, origin);
      states.set(key, state);
    }
    return state;
  };
  // Devices alike (a host's CPUs, a row of identical ports) share a modalias: each is looked up once.
  const answers = new Map<string, Pick<DeviceReport, "module" | "modules" | "error">>();
  const answer = (modalias: string): Pick<DeviceReport, "module" | "modules" | "error"> => {
    let known = answers.get(modalias);
    if (known === undefined) {
      try {
        const all = lookup.all(modalias);
        // best and all answer from the same source (the first with any match): with one module
        // or none, all has already said which is best.
        const best = all.length > 1 ? (lookup.best(modalias).best?.module ?? null) : (all[0]?.module ?? null);
        known = { module: best, modules: all.map((m) => stateOf(m.module, m.origin)), error: null };
      } catch (error) {
        if (!(error instanceof InvalidKeyError)) throw error;
        known = { module: null, modules: [], error: error.message };
      }
      answers.set(modalias, known);
    }
    return known;
  };
  return listDevices(sysfs, only).map(({ bus, name, modalias, driver }) => {
    const { module, modules, error } = answer(modalias);
    return { bus, device: name, modalias, driver, module, modules, ...namesOf(modalias, ids), error };
  });
}

/** The modules the devices need, once each, sorted by name; built-in ones only when asked. */
export function neededModules(reports: readonly DeviceReport[], withBuiltin: boolean): ModuleState[] {
  const needed = new Map<string, ModuleState>();
  for (const report of reports) {
    for (const state of report.modules) if (withBuiltin || !state.builtin) needed.set(state.module, state);
  }
  return [...needed.values()].sort((a, b) => (a.module < b.module ? -1 : a.module > b.module ? 1 : 0));
}

function moduleState(
  sysfs: SysfsReader,
  config: ModprobeConfig | null,
  present: ReadonlySet<string>,
  module: string,
  origin: Origin,
): ModuleState {
  const builtin = origin === "builtin";
  const prohibition = builtin || config === null ? null : prohibitionOf(config, module);
  const name = moduleName(module);
  const loaded = builtin || (present.has(name) && sysfs.attrSync(moduleInitstate(name)) === "live");
  return {
    module,
    origin,
    builtin,
    loaded,
    prohibited: prohibition === null ? null : describeProhibition(prohibition),
  };
}

const PCI_IDS = /^pci:v0000([0-9A-Fa-f]{4})d0000([0-9A-Fa-f]{4})/;
const USB_IDS = /^usb:v([0-9A-Fa-f]{4})p([0-9A-Fa-f]{4})/;

function namesOf(modalias: string, ids: IdDatabases): { vendorName: string | null; deviceName: string | null } {
  const pci = PCI_IDS.exec(modalias);
  const usb = pci === null ? USB_IDS.exec(modalias) : null;
  const database = pci !== null ? ids.pci : usb !== null ? ids.usb : null;
  const [, vendor, device] = pci ?? usb ?? [];
  if (database === null || vendor === undefined || device === undefined) return { vendorName: null, deviceName: null };
  return { vendorName: database.vendor(vendor), deviceName: database.device(vendor, device) };
}
