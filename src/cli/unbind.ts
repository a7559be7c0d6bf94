/**
 * `modalias unbind DEVICE...`: release each device from its vfio driver,
 * clear driver_override and reprobe, so a host driver takes it back.
 *
 * Unlike the other device commands, unbind has no alias source options
 * (--index, --alias-file, -C, ...): it chooses no driver. Whether a device is
 * on a vfio driver is read from sysfs, the kernel's own matching picks the
 * host driver on reprobe, and when none is loaded `modprobe -b MODALIAS`
 * finds it from modprobe's own files.
 */
import type { Command } from "commander";
import { unbindDevices } from "../binder/together.js";
import { binderContext } from "../binder/transaction.js";
import { device, type PciAddress, SysfsReader } from "../platform/sysfs.js";
import { forgetOverride, identityFile, rooted } from "../system/persisted.js";
import { emitChange, type PersistOptions, persistOptions, persistRoot } from "./changes.js";
import {
  DEVICE_ARGUMENT,
  DEVICE_OPTIONS,
  type DeviceOptions,
  DRY_RUN_OPTION,
  interruptible,
  MODPROBE_OPTIONS,
  type ModprobeOption,
  parseDevices,
  requireRoot,
} from "./device-options.js";
import { addOptions } from "./options.js";
import { type CommandContext, EXIT_SOME_FAILED, type Output } from "./output.js";

interface UnbindOptions extends DeviceOptions, ModprobeOption, PersistOptions {
  reprobe: boolean;
  force?: boolean;
  dryRun?: boolean;
  group?: boolean;
  companions: boolean;
}

const EXAMPLE = `
Example:
  $ sudo modalias unbind 0000:01:00.0
  0000:01:00.0: released from vfio-pci; now bound to nouveau
  $ sudo modalias unbind --no-reprobe 0000:01:00.0
  0000:01:00.0: released from vfio-pci; left unbound
  $ sudo modalias unbind --persist 0000:01:00.0
  0000:01:00.0: released from vfio-pci; now bound to nouveau
  0000:01:00.0: forgot persisted vfio-pci (removed /etc/driverctl.d/pci-0000:01:00.0)
  0000:01:00.1: released from vfio-pci; now bound to snd_hda_intel (consumer of 0000:01:00.0 through a device link)
  $ sudo modalias unbind --persist 0000:05:00.0
  0000:05:00.0: no such device; forgot persisted vfio-pci (removed /etc/driverctl.d/pci-0000:05:00.0)`;

export function defineUnbind(command: Command, { output }: CommandContext): void {
  command
    .description("release each device from its vfio driver, clear driver_override and reprobe")
    .argument("<device...>", DEVICE_ARGUMENT)
    .option("--no-reprobe", "leave the device unbound instead of letting a host driver take it")
    .option("--force", "release the device even if it is not bound to a vfio driver")
    .option(
      "--group",
      "also release every member of each device's IOMMU group that is on a vfio driver, all or nothing",
    )
    .option("--no-companions", "leave the devices linked to it as consumers (a GPU's audio function) on vfio");
  addOptions(command, [
    DRY_RUN_OPTION,
    ...persistOptions("also forget the driver recorded in /etc/driverctl.d"),
    ...DEVICE_OPTIONS,
    ...MODPROBE_OPTIONS,
  ])
    .addHelpText("after", EXAMPLE)
    .action(async (devices: string[], options: UnbindOptions) => {
      await requireRoot("unbind", options);
      const given = parseDevices(devices, output);
      if (given === null) return;
      const root = await persistRoot(options);
      const sysfs = new SysfsReader(options.sysfsRoot);
      const gone = root === null ? [] : await goneDevices(sysfs, given);
      const addresses = given.filter((address) => !gone.includes(address));
      const reports = await interruptible((signal) =>
        unbindDevices(binderContext({ ...options, signal }), addresses, {
          force: options.force === true,
          dryRun: options.dryRun === true,
          reprobe: options.reprobe,
          signal,
          group: options.group === true,
          companions: options.companions,
        }),
      );
      for (const r of reports) await emitChange(output, options.json === true, r, root, options.dryRun === true);
      if (root !== null) {
        for (const address of gone)
          await emitGone(output, options.json === true, address, root, options.dryRun === true);
      }
    });
}

/** The devices no longer in sysfs (unplugged, or a VF whose PF dropped its VFs). */
async function goneDevices(sysfs: SysfsReader, addresses: readonly PciAddress[]): Promise<PciAddress[]> {
  const gone: PciAddress[] = [];
  for (const address of addresses) if (!(await sysfs.exists(device(address)))) gone.push(address);
  return gone;
}

/**
 * `unbind --persist` of a device that is gone: there is nothing to release, and its entry
 * would bind whatever appears at that address at the next boot, so it is forgotten. A gone
 * device with nothing persisted fails as unbind fails on it.
 */
async function emitGone(output: Output, json: boolean, address: PciAddress, root: string, dryRun: boolean) {
  const persist = await forgetOverride(root, address, dryRun);
  const ok = persist.error === null && persist.action !== "none";
  if (!ok) output.fail(EXIT_SOME_FAILED);
  if (json) {
    output.json({ command: "unbind", device: address, ok, outcome: "gone", persist });
    return;
  }
  if (persist.error !== null) output.error(address, `no such device; not forgotten: ${persist.error}`);
  else if (persist.action === "none")
    output.error(address, `no such device, and nothing was persisted for it (no ${persist.file})`);
  else if (persist.action === "would-forget")
    output.line(
      `${address}: no such device; would forget persisted ${persist.driver ?? "driver"}\n  rm -f ${persist.file} ${rooted(root, identityFile(address))}`,
    );
  else
    output.line(`${address}: no such device; forgot persisted ${persist.driver ?? "driver"} (removed ${persist.file})`);
}
