/**
 * What every contender offers the latency runs: one lookup of one modalias.
 *
 * The library: AliasLookup.best on an index decoded from its file bytes, as
 * a loaded index file is.
 *
 * libvirt-style contenders on vfio_pci queries: `libvirt` re-reads and parses
 * the alias text file on every call, as libvirt does on every bind;
 * `libvirt-hoisted` parses it once.
 *
 * The baseline: every alias line tested with the same matcher, then ranked
 * (the tests' LinearScan reference).
 *
 * The vfio variant choice as libvirt makes it (virPCIDeviceFindBestVFIOVariant,
 * libvirt 10.0+), written from its description: each `alias vfio_pci:` line is
 * split into its seven fields v, d, sv, sd, bc, sc, i; a line matches a device
 * when each field is `*` or string-equal to the device's field (so `i02*`
 * never equals `02`, as in libvirt); among matching lines the first with the
 * fewest `*` fields wins; none matching gives null (libvirt then uses vfio-pci).
 */

import { readFileSync } from "node:fs";
import { decodeIndex } from "../src/index/format.js";
import { AliasLookup } from "../src/lookup/lookup.js";
import { LinearScan } from "../test/helpers/linear.js";

export interface Contender {
  /** Row label. */
  readonly name: string;
  /** Look a modalias up; the result only keeps the work from being optimized away. */
  lookup(modalias: string): unknown;
}

export class Indexed implements Contender {
  readonly name = "indexed";
  private readonly engine: AliasLookup;

  constructor(indexBytes: Uint8Array) {
    this.engine = new AliasLookup(decodeIndex(indexBytes));
  }

  lookup(modalias: string): string | null {
    return this.engine.best(modalias).best?.module ?? null;
  }
}

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

export class Linear implements Contender {
  readonly name = "linear";
  private readonly scan: LinearScan;

  constructor(text: Buffer) {
    this.scan = new LinearScan(text);
  }

  lookup(modalias: string): string | null {
    return this.scan.matches(modalias)[0]?.module ?? null;
  }
}

const TAGS = ["v", "d", "sv", "sd", "bc", "sc", "i"] as const;
const PREFIX = "vfio_pci:";
const LINE_PREFIX = `alias ${PREFIX}`;

export interface VfioAlias {
  fields: string[];
  stars: number;
  module: string;
}

/** The seven field values after `vfio_pci:`, or null when the text is not shaped so. */
export function splitFields(text: string): string[] | null {
  const fields: string[] = [];
  let at = 0;
  for (const tag of TAGS) {
    if (!text.startsWith(tag, at)) return null;
    at += tag.length;
    let end = at;
    while (end < text.length && !isLower(text.charCodeAt(end))) end++;
    fields.push(text.slice(at, end));
    at = end;
  }
  return at === text.length ? fields : null;
}

const isLower = (c: number): boolean => c >= 0x61 && c <= 0x7a;

/** Every `alias vfio_pci:` line of a modules.alias text. */
export function parseVfioAliases(text: string): VfioAlias[] {
  const aliases: VfioAlias[] = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith(LINE_PREFIX)) continue;
    const space = line.indexOf(" ", LINE_PREFIX.length);
    if (space < 0) continue;
    const fields = splitFields(line.slice(LINE_PREFIX.length, space));
    if (fields === null) continue;
    aliases.push({ fields, stars: fields.filter((f) => f === "*").length, module: line.slice(space + 1) });
  }
  return aliases;
}

/** The chosen module for a `vfio_pci:` modalias, or null. */
export function chooseVariant(aliases: readonly VfioAlias[], modalias: string): string | null {
  const device = modalias.startsWith(PREFIX) ? splitFields(modalias.slice(PREFIX.length)) : null;
  if (device === null) return null;
  let best: VfioAlias | null = null;
  for (const alias of aliases) {
    if (best !== null && alias.stars >= best.stars) continue;
    if (alias.fields.every((field, i) => field === "*" || field === device[i])) best = alias;
  }
  return best?.module ?? null;
}
