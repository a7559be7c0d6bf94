/**
 * A fake modprobe: a shell script that "loads" a module by creating its
 * driver in a FakeSysfs (bus/pci/drivers/<driver> and the module links, and
 * the driver links of devices the new driver claims), fails like modprobe
 * does, or, for a blacklisted module, exits 0 without loading anything and
 * lists `blacklist <module>` in `-c` output. Each `-b TARGET` call is
 * appended to a log file.
 */
import { chmod, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { FakeSysfs } from "./fake-sysfs.js";

/**
 * What loading a target (a module name, or a shell pattern for a modalias)
 * does: register `driver` for `module` (default: the target) and bind the
 * unbound devices in `claims`, fail, or be blacklisted.
 */
export type ModuleBehaviour = { driver: string; module?: string; claims?: string[] } | "fails" | "blacklisted";

/** The script's path and a reader for the modules it was asked to load. */
export interface FakeModprobe {
  command: string;
  calls(): Promise<string[]>;
}

/** Writes the script into the fake tree's base directory. */
export async function fakeModprobe(fake: FakeSysfs, modules: Record<string, ModuleBehaviour>): Promise<FakeModprobe> {
  const command = join(fake.base, "modprobe");
  const logFile = join(fake.base, "modprobe.log");
  const sys = fake.sys;
  const cases = Object.entries(modules).map(([target, b]) => {
    const m = typeof b === "object" ? (b.module ?? target) : target;
    if (b === "fails")
      return `  ${target}) echo "modprobe: FATAL: Module ${m} not found in directory /lib/modules/6.12.0" >&2; exit 1 ;;`;
    if (b === "blacklisted") return `  ${target}) exit 0 ;;`;
    const d = `${sys}/bus/pci/drivers/${b.driver}`;
    const claims = (b.claims ?? []).flatMap((address) => {
      const dev = fake.deviceDir(address);
      return [`    ln -s '${relative(dev, d)}' '${dev}/driver'`, `    ln -s '${relative(d, dev)}' '${d}/${address}'`];
    });
    return [
      `  ${target})`,
      `    mkdir -p '${d}' '${sys}/module/${m}/drivers'`,
      `    : > '${d}/bind'; : > '${d}/unbind'`,
      `    ln -s '../../../bus/pci/drivers/${b.driver}' '${sys}/module/${m}/drivers/pci:${b.driver}'`,
      `    ln -s '../../../../module/${m}' '${d}/module'`,
      ...claims,
      "    ;;",
    ].join("\n");
  });
  const blacklist = Object.entries(modules)
    .filter(([, b]) => b === "blacklisted")
    .map(([m]) => `blacklist ${m}`);
  const script = [
    "#!/bin/sh",
    'if [ "$1" = "-c" ]; then',
    "  echo 'options snd_hda_intel power_save=1'",
    ...blacklist.map((line) => `  echo '${line}'`),
    "  exit 0",
    "fi",
    '[ "$1" = "-b" ] || { echo "fake modprobe: unexpected arguments: $*" >&2; exit 64; }',
    `echo "$2" >> '${logFile}'`,
    'case "$2" in',
    ...cases,
    `  *) echo "modprobe: FATAL: Module $2 not found in directory /lib/modules/6.12.0" >&2; exit 1 ;;`,
    "esac",
    "",
  ].join("\n");
  await writeFile(command, script);
  await chmod(command, 0o755);
  return {
    command,
    async calls() {
      try {
        return (await readFile(logFile, "utf8")).split("\n").filter((l) => l !== "");
      } catch {
        return [];
      }
    },
  };
}
