/**
 * Where the binder reads and writes: the sysfs and procfs roots, the sysfs
 * writer and the module loader. Tests swap in a fake tree, a writer that plays
 * the kernel, and a fake modprobe.
 */
import { modprobeLoader, type ModuleLoader } from "../modprobe/loader.js";
import { SysfsReader } from "../sysfs/reader.js";
import { fsWriter, type SysfsWriter } from "../sysfs/writer.js";

/** Everything the binder touches. */
export interface BinderContext {
  sysfs: SysfsReader;
  procRoot: string;
  writer: SysfsWriter;
  loader: ModuleLoader;
}

/** Roots and commands, as the CLI options give them. */
export interface BinderSettings {
  /** Default `/sys`. */
  sysfsRoot?: string;
  /** Default `/proc`. */
  procRoot?: string;
  /** The modprobe program, default `modprobe`. */
  modprobe?: string;
}

/** A context writing to the real files under the given roots. */
export function binderContext(settings: BinderSettings = {}): BinderContext {
  const sysfsRoot = settings.sysfsRoot ?? "/sys";
  return {
    sysfs: new SysfsReader(sysfsRoot),
    procRoot: settings.procRoot ?? "/proc",
    writer: fsWriter(sysfsRoot),
    loader: modprobeLoader(settings.modprobe ?? "modprobe"),
  };
}
