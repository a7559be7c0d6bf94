/**
 * `modalias bind DEVICE...`: hand each device to the vfio driver its
 * vfio_pci alias chooses. One result per device (text, or one JSON object per
 * line with --json); exit status 1 when a device is refused or fails.
 */
import type { Command } from "commander";
import { bindDevices, type Identity } from "../binder/bind.js";
import { binderContext } from "../binder/transaction.js";
import { describeErrno } from "../files/fs.js";
import type { PciAddress } from "../platform/sysfs.js";
import { isPersisted, overrideFile, readIdentity, rooted } from "../system/persisted.js";
import { addPersistOptions, emitChange, type PersistOptions, persistRoot } from "./changes.js";
import {
  addDeviceOptions,
  addDryRunOption,
  addModprobeOption,
  DEVICE_ARGUMENT,
  type DeviceOptions,
  interruptible,
  type ModprobeOption,
  openChooser,
  parseDevices,
} from "./device-options.js";
import { CliError, type CommandContext, EXIT_SOME_FAILED, type Output } from "./output.js";
import { addSourceOptions, type SourceOptions } from "./sources.js";

type BindOptions = DeviceOptions &
  ModprobeOption &
  PersistOptions &
  SourceOptions & {
    force?: boolean;
    fromHost?: boolean;
    persisted?: boolean;
    dryRun?: boolean;
  };

const EXAMPLE = `
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

export function defineBind(command: Command, { output }: CommandContext): void {
  command
    .description("bind each device to the vfio driver its vfio_pci alias chooses")
    .argument("<device...>", DEVICE_ARGUMENT)
    .option("--force", "take the device whatever the checks say: from a host driver, even with routes or mounts")
    .option("--from-host", "take the device from a host driver, but never with routes or mounts (the boot units)")
    .option(
      "--persisted",
      "bind only devices persisted under --root that are still what was persisted; implies --from-host (the boot units)",
    );
  addDryRunOption(command);
  addPersistOptions(command, "also record the driver in /etc/driverctl.d, so it is bound again at boot");
  addModprobeOption(addDeviceOptions(command));
  addSourceOptions(command)
    .addHelpText("after", EXAMPLE)
    .action(async (devices: string[], options: BindOptions) => {
      const given = parseDevices(devices, output);
      if (given === null) return;
      if (options.persisted === true && options.force === true) {
        throw new CliError("--persisted never overrides the safety checks; leave out --force");
      }
      const persisted = options.persisted === true ? await persistedIdentities(options.root, given, output) : null;
      const addresses = persisted === null ? given : [...persisted.keys()];
      const choose = await openChooser(options, output);
      const reports = await interruptible((signal) =>
        bindDevices(binderContext({ ...options, signal }), choose, addresses, {
          force: options.force === true,
          fromHost: options.fromHost === true || persisted !== null,
          dryRun: options.dryRun === true,
          signal,
          ...(persisted === null ? {} : { expected: identities(persisted) }),
        }),
      );
      const root = persistRoot(options);
      for (const r of reports) await emitChange(output, options.json === true, r, root, options.dryRun === true);
    });
}

/**
 * The devices among `addresses` that have a persisted entry under `root`,
 * each with its recorded identity (null when none was recorded: an entry
 * driverctl wrote). A device without an entry, or whose identity cannot be
 * read, is reported and left out (exit status 1).
 */
async function persistedIdentities(
  root: string,
  addresses: readonly PciAddress[],
  output: Output,
): Promise<Map<PciAddress, Identity | null>> {
  const found = new Map<PciAddress, Identity | null>();
  for (const address of addresses) {
    const entry = rooted(root, overrideFile(address));
    try {
      if (!(await isPersisted(root, address))) throw new Error(`refused: nothing is persisted for it (no ${entry})`);
      const identity = await readIdentity(root, address);
      if (identity === null) output.warning(address, `no identity recorded for ${entry}; relying on the safety checks`);
      found.set(address, identity);
    } catch (error) {
      output.error(address, describeErrno(error));
      output.fail(EXIT_SOME_FAILED);
    }
  }
  return found;
}

/** The identities to check, leaving out the devices that have none recorded. */
function identities(persisted: ReadonlyMap<PciAddress, Identity | null>): Map<PciAddress, Identity> {
  return new Map([...persisted].flatMap(([address, identity]) => (identity === null ? [] : [[address, identity]])));
}
