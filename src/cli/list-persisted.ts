/**
 * `modalias list-persisted`: the persisted overrides of PCI devices in
 * /etc/driverctl.d (under --root), one `DEVICE DRIVER` line each, or one
 * JSON object per line. An entry that cannot be read is named on stderr and
 * makes the exit status 1; the others are still listed.
 */
import type { Command } from "commander";
import { DEFAULT_ROOT, listPersisted } from "../system/persisted.js";
import { type CommandContext, EXIT_SOME_FAILED } from "./output.js";

interface ListPersistedOptions {
  json?: boolean;
  root: string;
}

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

export function defineListPersisted(command: Command, { output }: CommandContext): void {
  command
    .description("list the PCI devices whose driver is persisted in /etc/driverctl.d")
    .option("--json", "print one JSON object per device, one per line")
    .option("--root <dir>", "the root under which /etc/driverctl.d lives", DEFAULT_ROOT)
    .addHelpText("after", EXAMPLE)
    .action(async (options: ListPersistedOptions) => {
      const { entries, problems } = await listPersisted(options.root);
      for (const e of entries) {
        if (options.json === true) output.json(e);
        else output.line(`${e.device} ${e.driver}`);
      }
      for (const p of problems) output.error(p.file, p.reason);
      if (problems.length > 0) output.fail(EXIT_SOME_FAILED);
    });
}
