/**
 * `modalias bind DEVICE...`: hand each device to the vfio driver its
 * vfio_pci alias chooses. One result per device (text, or one JSON object per
 * line with --json); exit status 1 when a device is refused or fails.
 */
import type { Command } from "commander";
import type { Identity } from "../binder/bind.js";
import { bindDevices } from "../binder/together.js";
import { binderContext } from "../binder/transaction.js";
import { describeErrno } from "../files/fs.js";
import type { PciAddress } from "../platform/sysfs.js";
import { overrideFile, readIdentity, readPersistedDriver, rooted } from "../system/persisted.js";
import { emitChange, type PersistOptions, persistOptions, persistRoot } from "./changes.js";
import {
  DEVICE_ARGUMENT,
  DEVICE_OPTIONS,
  type DeviceOptions,
  DRY_RUN_OPTION,
  interruptible,
  MODPROBE_OPTIONS,
  type ModprobeOption,
  openChooser,
  parseDevices,
  requireRoot,
} from "./device-options.js";
import { type CommandSpec, defineSpec } from "./options.js";
import { CliError, type CommandContext, EXIT_SOME_FAILED, type Output } from "./output.js";
import { SOURCE_OPTIONS, type SourceOptions } from "./sources.js";

export type BindOptions = DeviceOptions &
  ModprobeOption &
  PersistOptions &
  SourceOptions & {
    force?: boolean;
    fromHost?: boolean;
    persisted?: boolean;
    dryRun?: boolean;
    driver?: string;
    group?: boolean;
    companions: boolean;
  };

const EXAMPLE = `
Steps: read modalias, choose the vfio driver for vfio_ + modalias, check the
device may be taken, modprobe -b the module, set driver_override, unbind,
probe, verify. A failure after the first write restores the old binding.

Devices linked to it as consumers (consumer:pci:... in sysfs: a GPU's audio
function) go with it, and with --group every member of its IOMMU group; they
are bound all or nothing, each to its own best vfio driver. When no vfio_pci
alias matches (kernels before 5.15 have none), bind says so and does not fall
back by itself: --driver vfio-pci binds to vfio-pci.

Example:
  $ modalias bind --dry-run 0000:01:00.0
  0000:01:00.0: would bind to vfio-pci (module vfio_pci), now no driver
    modprobe -b vfio_pci
    echo vfio-pci > /sys/bus/pci/devices/0000:01:00.0/driver_override
    echo 0000:01:00.0 > /sys/bus/pci/drivers_probe
  $ sudo modalias bind 01:00.0
  0000:01:00.0: bound to vfio-pci (module vfio_pci), was no driver
  0000:01:00.1: bound to vfio-pci (module vfio_pci), was snd_hda_intel (consumer of 0000:01:00.0 through a device link, taken along)
  $ sudo modalias bind --persist 01:00.0
  0000:01:00.0: already bound to vfio-pci (module vfio_pci); nothing changed
  0000:01:00.0: persisted vfio-pci in /etc/driverctl.d/pci-0000:01:00.0
  $ sudo modalias bind --driver vfio-pci 3b:00.1
  0000:3b:00.1: bound to vfio-pci (module vfio_pci), was no driver`;

export const BIND: CommandSpec = {
  name: "bind",
  description: "bind each device to the vfio driver its vfio_pci alias chooses",
  arguments: [["<device...>", DEVICE_ARGUMENT]],
  options: [
    {
      flags: "--force",
      description: "take the device whatever the checks say: from a host driver, even with routes or mounts",
    },
    {
      flags: "--from-host",
      description: "take the device from a host driver, but never with routes or mounts (the boot units)",
    },
    {
      flags: "--persisted",
      description:
        "bind only devices persisted under --root that are still what was persisted, to the driver persisted; implies --from-host (the boot units)",
    },
    { flags: "--group", description: "also bind every member of each device's IOMMU group, all or nothing" },
    {
      flags: "--no-companions",
      description: "leave the devices linked to it as consumers (a GPU's audio function) as they are",
    },
    {
      flags: "--driver <name>",
      description:
        "this vfio driver instead of the best for the devices named; only one whose vfio_pci alias matches, or vfio-pci",
    },
    DRY_RUN_OPTION,
    ...persistOptions("also record the driver in /etc/driverctl.d, so it is bound again at boot"),
    ...DEVICE_OPTIONS,
    ...MODPROBE_OPTIONS,
    ...SOURCE_OPTIONS,
  ],
  helpAfter: EXAMPLE,
};

export function defineBind(command: Command, context: CommandContext): void {
  defineSpec(command, BIND).action((devices: string[], options: BindOptions) => runBind(devices, options, context));
}

export async function runBind(devices: string[], options: BindOptions, { output }: CommandContext): Promise<void> {
  await requireRoot("bind", options);
  const given = parseDevices(devices, output);
  if (given === null) return;
  if (options.persisted === true && options.force === true) {
    throw new CliError("--persisted never overrides the safety checks; leave out --force");
  }
  if (options.persisted === true && options.driver !== undefined) {
    throw new CliError("--persisted binds each device to the driver persisted for it; leave out --driver");
  }
  if (options.persisted === true && options.group === true) {
    throw new CliError("--persisted binds exactly the devices persisted; leave out --group");
  }
  const root = await persistRoot(options);
  const persisted = options.persisted === true ? await persistedEntries(options.root, given, output) : null;
  const addresses = persisted === null ? given : [...persisted.keys()];
  const choose = await openChooser(options, output);
  const reports = await interruptible((signal) =>
    bindDevices(binderContext({ ...options, signal }), choose, addresses, {
      force: options.force === true,
      fromHost: options.fromHost === true || persisted !== null,
      dryRun: options.dryRun === true,
      signal,
      group: options.group === true,
      // At boot each persisted device is bound by itself: a companion bound with it was persisted too.
      companions: options.companions && persisted === null,
      drivers: persisted === null ? requested(given, options.driver) : persistedDrivers(persisted),
      ...(persisted === null ? {} : { expected: identities(persisted) }),
    }),
  );
  for (const r of reports) await emitChange(output, options.json === true, r, root, options.dryRun === true);
}

/** `--driver NAME` for the devices given; their group members and companions get their own best. */
function requested(addresses: readonly PciAddress[], driver: string | undefined): Map<PciAddress, string> | undefined {
  if (driver === undefined) return undefined;
  return new Map(addresses.map((address) => [address, driver]));
}

/** A device's persisted entry: the driver it names and the identity recorded with it (null: none). */
interface PersistedDevice {
  driver: string;
  identity: Identity | null;
}

/**
 * The devices among `addresses` that have a persisted entry under `root`,
 * each with its driver and its recorded identity (null when none was
 * recorded: an entry driverctl wrote). A device without an entry, or whose
 * entry or identity cannot be read, is reported and left out (exit status 1).
 */
async function persistedEntries(
  root: string,
  addresses: readonly PciAddress[],
  output: Output,
): Promise<Map<PciAddress, PersistedDevice>> {
  const found = new Map<PciAddress, PersistedDevice>();
  for (const address of addresses) {
    const entry = rooted(root, overrideFile(address));
    try {
      const driver = await readPersistedDriver(root, address);
      if (driver === null) throw new Error(`refused: nothing is persisted for it (no ${entry})`);
      const identity = await readIdentity(root, address);
      if (identity === null) output.warning(address, `no identity recorded for ${entry}; relying on the safety checks`);
      found.set(address, { driver, identity });
    } catch (error) {
      output.error(address, describeErrno(error));
      output.fail(EXIT_SOME_FAILED);
    }
  }
  return found;
}

/** The identities to check, leaving out the devices that have none recorded. */
function identities(persisted: ReadonlyMap<PciAddress, PersistedDevice>): Map<PciAddress, Identity> {
  return new Map([...persisted].flatMap(([address, { identity }]) => (identity === null ? [] : [[address, identity]])));
}

/** The driver persisted for each device, which it is bound to again (checked as --driver is). */
function persistedDrivers(persisted: ReadonlyMap<PciAddress, PersistedDevice>): Map<PciAddress, string> {
  return new Map([...persisted].map(([address, { driver }]) => [address, driver]));
}
