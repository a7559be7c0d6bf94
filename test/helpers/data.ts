/**
 * The real kernel data under data/ (see data/README.md), loaded for tests.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

export const DATA = fileURLToPath(new URL("../../data/", import.meta.url));

/** Debian 6.12 modules.alias, as bytes. */
export function debianAliases(): Buffer {
  return gunzipSync(readFileSync(`${DATA}debian-6.12.107-amd64/modules.alias.gz`));
}

/** Debian 6.12 modules.builtin.modinfo, as bytes. */
export function debianBuiltinModinfo(): Buffer {
  return gunzipSync(readFileSync(`${DATA}debian-6.12.107-amd64/modules.builtin.modinfo.gz`));
}

/** A Debian 6.12 module tree name list (modules.dep, modules.symbols or modules.builtin), as bytes. */
export function debianNames(file: "modules.dep" | "modules.symbols" | "modules.builtin"): Buffer {
  return gunzipSync(readFileSync(`${DATA}debian-6.12.107-amd64/${file}.gz`));
}

/** The vfio variant drivers' alias lines (without the catch-all, which Debian's file has). */
export function variantLines(): string[] {
  return readFileSync(`${DATA}vfio-variants.modules.alias`, "latin1")
    .split("\n")
    .filter((line) => line.startsWith("alias ") && !line.startsWith("alias vfio_pci:v*d*sv*sd*bc*sc*i* "));
}

/** The tests' main alias file: Debian's with the variant drivers' lines appended. */
export function combinedAliases(): Buffer {
  return Buffer.concat([debianAliases(), Buffer.from(`${variantLines().join("\n")}\n`, "latin1")]);
}

export interface PciIds {
  /** [vendor, device] pairs. */
  devices: [number, number][];
  /** [vendor, device, subvendor, subdevice] tuples. */
  subsystems: [number, number, number, number][];
  /** [class, subclass, prog-if] triples. */
  classes: [number, number, number][];
}

/** The PCI ID database's ids and class codes. */
export function pciIds(): PciIds {
  const text = gunzipSync(readFileSync(`${DATA}pci.ids.gz`)).toString("latin1");
  const ids: PciIds = { devices: [], subsystems: [], classes: [] };
  let vendor = -1;
  let device = -1;
  let klass = -1;
  let sub = -1;
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || line.trim() === "") continue;
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^C ([0-9a-f]{2})\s/))) {
      klass = parseInt(m[1] as string, 16);
      vendor = -1;
      ids.classes.push([klass, 0, 0]);
    } else if ((m = line.match(/^([0-9a-f]{4})\s/))) {
      vendor = parseInt(m[1] as string, 16);
      klass = -1;
    } else if (vendor >= 0 && (m = line.match(/^\t([0-9a-f]{4})\s/))) {
      device = parseInt(m[1] as string, 16);
      ids.devices.push([vendor, device]);
    } else if (vendor >= 0 && (m = line.match(/^\t\t([0-9a-f]{4}) ([0-9a-f]{4})\s/))) {
      ids.subsystems.push([vendor, device, parseInt(m[1] as string, 16), parseInt(m[2] as string, 16)]);
    } else if (klass >= 0 && (m = line.match(/^\t([0-9a-f]{2})\s/))) {
      sub = parseInt(m[1] as string, 16);
      ids.classes.push([klass, sub, 0]);
    } else if (klass >= 0 && (m = line.match(/^\t\t([0-9a-f]{2})\s/))) {
      ids.classes.push([klass, sub, parseInt(m[1] as string, 16)]);
    }
  }
  return ids;
}

const hex = (value: number, width: number): string => value.toString(16).toUpperCase().padStart(width, "0");

/** A PCI modalias as sysfs prints it. */
export function pciModalias(
  prefix: string,
  v: number,
  d: number,
  sv: number,
  sd: number,
  [bc, sc, i]: readonly [number, number, number],
): string {
  return `${prefix}v${hex(v, 8)}d${hex(d, 8)}sv${hex(sv, 8)}sd${hex(sd, 8)}bc${hex(bc, 2)}sc${hex(sc, 2)}i${hex(i, 2)}`;
}
