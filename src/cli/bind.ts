/**
 * `modalias bind DEVICE...`: hand each device to its vfio driver.
 */

/**
 * `modalias unbind DEVICE...`: release each device from its vfio driver.
 */
/**
 * Text for bind and unbind results: one summary line on stdout per device
 * that succeeded (followed by its actions for --dry-run), one
 * `modalias: DEVICE: ...` line on stderr per failure.
 */
/**
 * Actions as shell-like lines for --dry-run:
 * `modprobe -b vfio_pci`, `echo vfio-pci > /sys/.../driver_override`.
 * (echo adds a newline, which the kernel ignores, so each line does what the
 * binder's write does; `echo > FILE` is the clearing newline.)
 */
/**
 * The binder's CLI commands: vfio, bind, unbind and status.
 *
 * Each command prints one result per device (text, or one JSON object per
 * line with --json), writes errors to stderr as `modalias: DEVICE: reason`,
 * and sets process.exitCode: 0 success, 1 a device failed, 2 bad input.
 */
import type { Command } from "commander";
import { bindDevices, unbindDevices } from "../binder/bind.js";
import type { ChooseVfio } from "../binder/choose.js";
import { type Action, binderContext, type ChangeReport } from "../binder/transaction.js";
import {
  addCommonOptions,
  addDryRunOption,
  addForceOption,
  flag,
  type GetChooser,
  loadChooser,
  parseDevices,
  settingsFrom,
} from "./options.js";
import { outputOf } from "./output.js";
import { addPersistOptions, emitPersisted, persistRoot } from "./persisted.js";
import { registerStatusCommand } from "./status.js";
import { registerVfioCommand } from "./vfio.js";

const BIND_EXAMPLE = `
Steps: read modalias, choose the vfio driver for vfio_ + modalias, check the
device may be taken, modprobe -b the module, set driver_override, unbind,
probe, verify. A failure after the first write restores the old binding.

Example:
  $ modalias bind --dry-run 0000:01:00.0
  0000:01:00.0: would bind to vfio-pci (module vfio_pci), now no driver
    modprobe -b vfio_pci
    echo vfio-pci > /sys/bus/pci/devices/0000:01:00.0/driver_override
    echo 0000:01:00.0 > /sys/bus/pci/drivers_probe
  $ sudo modalias bind 01:00.0
  0000:01:00.0: bound to vfio-pci (module vfio_pci), was no driver
  $ sudo modalias bind --persist 01:00.0
  0000:01:00.0: already bound to vfio-pci (module vfio_pci); nothing changed
  0000:01:00.0: persisted vfio-pci in /etc/driverctl.d/pci-0000:01:00.0`;

/** Adds the `bind` command. */
export function registerBindCommand(program: Command, getChooser: GetChooser): void {
  const cmd = program
    .command("bind")
    .description("bind each device to the vfio driver its vfio_pci alias chooses")
    .argument("<device...>", "PCI address: DDDD:BB:DD.F, or BB:DD.F for domain 0000");
  addForceOption(cmd, "take the device from a host driver, even with routes or mounts");
  addDryRunOption(cmd);
  addPersistOptions(cmd, "also record the driver in /etc/driverctl.d, so it is bound again at boot");
  addCommonOptions(cmd, { modprobe: true }).addHelpText("after", BIND_EXAMPLE);
  cmd.action(async (devices: string[], _opts: unknown, command: Command) => {
    const output = outputOf(command);
    const addresses = parseDevices(devices, output);
    if (addresses === null) return;
    const opts = command.optsWithGlobals();
    const choose = await loadChooser(getChooser, opts, output);
    if (choose === null) return;
    const reports = await bindDevices(binderContext(settingsFrom(opts)), choose, addresses, {
      force: flag(opts, "force"),
      dryRun: flag(opts, "dryRun"),
    });
    const root = persistRoot(opts);
    for (const r of reports) await emitPersisted(output, flag(opts, "json"), r, root, flag(opts, "dryRun"));
  });
}

const UNBIND_EXAMPLE = `
Example:
  $ sudo modalias unbind 0000:01:00.0
  0000:01:00.0: released from vfio-pci; now bound to nouveau
  $ sudo modalias unbind --no-reprobe 0000:01:00.0
  0000:01:00.0: released from vfio-pci; left unbound
  $ sudo modalias unbind --persist 0000:01:00.0
  0000:01:00.0: released from vfio-pci; now bound to nouveau
  0000:01:00.0: forgot persisted vfio-pci (removed /etc/driverctl.d/pci-0000:01:00.0)`;

/** Adds the `unbind` command. */
export function registerUnbindCommand(program: Command): void {
  const cmd = program
    .command("unbind")
    .description("release each device from its vfio driver, clear driver_override and reprobe")
    .argument("<device...>", "PCI address: DDDD:BB:DD.F, or BB:DD.F for domain 0000")
    .option("--no-reprobe", "leave the device unbound instead of letting a host driver take it");
  addForceOption(cmd, "release the device even if it is not bound to a vfio driver");
  addDryRunOption(cmd);
  addPersistOptions(cmd, "also forget the driver recorded in /etc/driverctl.d");
  addCommonOptions(cmd, { modprobe: true }).addHelpText("after", UNBIND_EXAMPLE);
  cmd.action(async (devices: string[], _opts: unknown, command: Command) => {
    const output = outputOf(command);
    const addresses = parseDevices(devices, output);
    if (addresses === null) return;
    const opts = command.optsWithGlobals();
    const reports = await unbindDevices(binderContext(settingsFrom(opts)), addresses, {
      force: flag(opts, "force"),
      dryRun: flag(opts, "dryRun"),
      reprobe: opts.reprobe !== false,
    });
    const root = persistRoot(opts);
    for (const r of reports) await emitPersisted(output, flag(opts, "json"), r, root, flag(opts, "dryRun"));
  });
}

/** The stdout lines for a successful report. */
export function successLines(r: ChangeReport): string[] {
  const was = r.before?.driver ?? "no driver";
  const target = r.target === null ? "" : `${r.target.driver} (module ${r.target.module})`;
  switch (r.outcome) {
    case "bound":
      return [`${r.device}: bound to ${target}, was ${was}`];
    case "already-bound":
      return [`${r.device}: already bound to ${target}; nothing changed`];
    case "would-bind":
      return [`${r.device}: would bind to ${target}, now ${was}`, ...r.actions.map((a) => `  ${formatAction(a)}`)];
    case "unbound": {
      const now = r.after?.driver ?? null;
      return [`${r.device}: released from ${was}; ${now === null ? "left unbound" : `now bound to ${now}`}`];
    }
    case "would-unbind":
      return [`${r.device}: would release from ${was}`, ...r.actions.map((a) => `  ${formatAction(a)}`)];
    case "refused":
    case "failed":
      return [];
  }
}

/** The stderr reason for a failed report, without the `modalias: DEVICE: ` prefix. */
export function failureReason(r: ChangeReport): string {
  const e = r.error;
  if (e === null) return "failed";
  if (r.outcome === "refused") return `refused: ${e.reason}`;
  const rollback =
    e.rollback === "complete" ? "; rolled back" : e.rollback === "incomplete" ? "" : "; nothing was changed";
  return `${e.step} failed: ${e.reason}${rollback}`;
}

/** One action as a command line. */
export function formatAction(action: Action): string {
  if (action.kind === "modprobe") return action.argv.join(" ");
  const value = action.value === "\n" ? "" : `${action.value} `;
  return `echo ${value}> ${action.file}${action.rollback ? "   # rollback" : ""}`;
}

/** Adds the binder commands to `program`. `getChooser` receives all parsed options of the command. */
export function registerBinderCommands(
  program: Command,
  getChooser: (opts: Record<string, unknown>) => Promise<ChooseVfio>,
): void {
  registerVfioCommand(program, getChooser);
  registerBindCommand(program, getChooser);
  registerUnbindCommand(program);
  registerStatusCommand(program, getChooser);
}
