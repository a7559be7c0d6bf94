/**
 * libvirt-style contenders on vfio_pci queries: `libvirt` re-reads and parses
 * the alias text file on every call, as libvirt does on every bind;
 * `libvirt-hoisted` parses it once.
 */
import { readFileSync } from "node:fs";
import type { Contender } from "./contender.js";
import { chooseVariant, parseVfioAliases, type VfioAlias } from "./vfio-variant.js";

export class LibvirtRereading implements Contender {
  readonly name = "libvirt";

  constructor(private readonly aliasFile: string) {}

  lookup(modalias: string): string | null {
    return chooseVariant(parseVfioAliases(readFileSync(this.aliasFile, "latin1")), modalias);
  }
}

export class LibvirtHoisted implements Contender {
  readonly name = "libvirt-hoisted";
  private readonly aliases: VfioAlias[];

  constructor(text: Buffer) {
    this.aliases = parseVfioAliases(text.toString("latin1"));
  }

  lookup(modalias: string): string | null {
    return chooseVariant(this.aliases, modalias);
  }
}
