/**
 * `modalias list-persisted`: the persisted overrides of PCI devices in
 * /etc/driverctl.d (under --root), one `DEVICE DRIVER` line each, or one
 * JSON object per line. An entry that cannot be read is named on stderr and
 * makes the exit status 1; the others are still listed.
 */
import type { Command } from "commander";
import { listPersisted } from "../../system/persisted.js";
import { DEFAULT_ROOT } from "../../system/rooted.js";
import { EXIT_DEVICE_FAILED, outputOf } from "../binder/output.js";

const EXAMPLE = `
Lists every PCI override in driverctl's layout, whether modalias or driverctl
recorded it.

Example:
  $ modalias list-persisted
  0000:01:00.0 vfio-pci
  0000:3b:00.1 mlx5_vfio_pci
  $ modalias list-persisted --json
  {"device":"0000:01:00.0","driver":"vfio-pci","file":"/etc/driverctl.d/pci-0000:01:00.0"}
  {"device":"0000:3b:00.1","driver":"mlx5_vfio_pci","file":"/etc/driverctl.d/pci-0000:3b:00.1"}`;

/** Adds the `list-persisted` command. */
export function registerListPersistedCommand(program: Command): void {
  program
    .command("list-persisted")
    .description("list the PCI devices whose driver is persisted in /etc/driverctl.d")
    .option("--json", "print one JSON object per device, one per line")
    .option("--root <dir>", "the root under which /etc/driverctl.d lives", DEFAULT_ROOT)
    .addHelpText("after", EXAMPLE)
    .action(async (opts: { json?: boolean; root: string }, command: Command) => {
      const output = outputOf(command);
      const { entries, problems } = await listPersisted(opts.root);
      for (const e of entries) {
        if (opts.json === true) output.json(e);
        else output.line(`${e.device} ${e.driver}`);
      }
      for (const p of problems) output.error(p.file, p.reason);
      if (problems.length > 0) output.fail(EXIT_DEVICE_FAILED);
    });
}
