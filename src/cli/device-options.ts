/**
 * What the device commands (vfio, bind, unbind, status) share: their common
 * options, turning DEVICE arguments into addresses, the vfio chooser from
 * the alias source options, and printing one device's result.
 */
import { type ChooseVfio, vfioChooser } from "../binder/choose.js";
import { DEFAULT_MODPROBE, DEFAULT_PROC_ROOT } from "../files/fs.js";
import { DEFAULT_MODPROBE_TIMEOUT_MS } from "../platform/modprobe.js";
import { effectiveUid } from "../platform/proc.js";
import { AddressError, type PciAddress, parsePciAddress, SysfsReader } from "../platform/sysfs.js";
import { type OptionSpec, OptionValueError } from "./options.js";
import { CliError, EXIT_SOME_FAILED, EXIT_USAGE, type Output } from "./output.js";
import { openSources, type SourceOptions } from "./sources.js";
import { orDefault, SYSFS_ROOT_OPTION } from "./sysfs-root.js";

export const DEVICE_ARGUMENT = "PCI address: DDDD:BB:DD.F, or BB:DD.F for domain 0000";

/** The options DEVICE_OPTIONS give. */
export interface DeviceOptions {
  json?: boolean;
  sysfsRoot: string;
  procRoot: string;
}

/** The options MODPROBE_OPTIONS give. */
export interface ModprobeOption {
  modprobe: string;
  /** --modprobe-timeout, in milliseconds. */
  modprobeTimeout: number;
}

/** `--json`, `--sysfs-root` and `--proc-root`. */
export const DEVICE_OPTIONS: readonly OptionSpec[] = [
  { flags: "--json", description: "print one JSON object per device, one per line" },
  SYSFS_ROOT_OPTION,
  {
    flags: "--proc-root <dir>",
    description: "where procfs is mounted",
    default: DEFAULT_PROC_ROOT,
    parse: orDefault(DEFAULT_PROC_ROOT),
  },
];

/** `--modprobe` and `--modprobe-timeout`, for the commands that load modules. */
export const MODPROBE_OPTIONS: readonly OptionSpec[] = [
  {
    flags: "--modprobe <cmd>",
    description: "the modprobe program to load modules with",
    default: DEFAULT_MODPROBE,
    parse: orDefault(DEFAULT_MODPROBE),
  },
  {
    flags: "--modprobe-timeout <seconds>",
    description: "stop a modprobe run that takes longer (its process group is killed)",
    default: DEFAULT_MODPROBE_TIMEOUT_MS,
    defaultDescription: String(DEFAULT_MODPROBE_TIMEOUT_MS / 1000),
    parse: seconds,
  },
];

/** A positive number of seconds, in milliseconds. */
function seconds(value: string): number {
  const n = Number(value);
  if (!/^[0-9]+(\.[0-9]+)?$/.test(value) || n <= 0) throw new OptionValueError("expected a positive number of seconds");
  return Math.round(n * 1000);
}

/** `--dry-run`. */
export const DRY_RUN_OPTION: OptionSpec = {
  flags: "--dry-run",
  description: "print every module load and sysfs write, in order, and do none of them",
};

/**
 * Stops `bind` or `unbind` before anything else happens when it is not run as root (the user
 * id read under --proc-root): changing a binding writes sysfs files only root may write, and
 * loads modules. A dry run changes nothing and needs no root.
 */
export async function requireRoot(command: string, options: { procRoot: string; dryRun?: boolean }): Promise<void> {
  if (options.dryRun === true || (await effectiveUid(options.procRoot)) === 0) return;
  throw new CliError(`${command} needs root (it writes sysfs and loads modules); run it with sudo, or try --dry-run`);
}

/** The parsed addresses, or null after reporting every bad one (exit status 2): nothing runs then. */
export function parseDevices(args: readonly string[], output: Output): PciAddress[] | null {
  const addresses: PciAddress[] = [];
  let bad = false;
  for (const arg of args) {
    try {
      const a = parsePciAddress(arg);
      if (!addresses.includes(a)) addresses.push(a);
    } catch (err) {
      if (!(err instanceof AddressError)) throw err;
      output.error(JSON.stringify(arg), err.message);
      bad = true;
    }
  }
  if (!bad) return addresses;
  output.fail(EXIT_USAGE);
  return null;
}

/** The vfio chooser over the aliases the source options name (and --proc-root's kernel command line). */
export async function openChooser(options: SourceOptions, output: Output): Promise<ChooseVfio> {
  const { lookup, config } = await openSources(options, output);
  return vfioChooser(lookup, config);
}

/**
 * The read-only device commands (vfio, status): one report per device, each printed as it
 * comes (text or JSON), a device's failure raising the exit status to 1.
 */
export async function reportEach<R extends DeviceResult & { error: string | null }>(
  options: DeviceOptions & SourceOptions,
  output: Output,
  addresses: (sysfs: SysfsReader) => Promise<PciAddress[]>,
  report: (sysfs: SysfsReader, choose: ChooseVfio, address: PciAddress) => Promise<R>,
  lines: (r: R) => string[],
): Promise<void> {
  const choose = await openChooser(options, output);
  const sysfs = new SysfsReader(options.sysfsRoot);
  for (const address of await addresses(sysfs)) {
    emit(output, options.json === true, await report(sysfs, choose, address), lines, (r) => r.error ?? "failed");
  }
}

/** What every per-device result has in common. */
interface DeviceResult {
  device: string;
  ok: boolean;
  warnings?: readonly string[];
}

/**
 * Prints one device's result: a JSON line with --json, otherwise its text
 * lines on stdout (`lines`) and its warnings and error (`reason`) on stderr.
 * A failed device raises the exit status to 1.
 */
export function emit<R extends DeviceResult>(
  output: Output,
  json: boolean,
  result: R,
  lines: (r: R) => string[],
  reason: (r: R) => string,
): void {
  if (!result.ok) output.fail(EXIT_SOME_FAILED);
  if (json) {
    output.json(result);
    return;
  }
  for (const warning of result.warnings ?? []) output.warning(result.device, warning);
  if (result.ok) for (const line of lines(result)) output.line(line);
  else output.error(result.device, reason(result));
}

/** The signals that interrupt a bind or unbind. */
const INTERRUPTS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/**
 * Runs `change` with SIGINT, SIGTERM and SIGHUP caught: the first fires the
 * signal it is given, so that the change in progress stops before its next
 * step and rolls back (a running modprobe is stopped), and the program then
 * reports and exits by itself instead of dying half-way. Default handling is
 * restored afterwards.
 */
export async function interruptible<T>(change: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const handlers = INTERRUPTS.map((name) => {
    const handler = (): void => controller.abort(name);
    process.on(name, handler);
    return [name, handler] as const;
  });
  try {
    return await change(controller.signal);
  } finally {
    for (const [name, handler] of handlers) process.off(name, handler);
  }
}
