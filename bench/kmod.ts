/**
 * A writer for kmod's binary alias index (`modules.alias.bin`, index format
 * 2.1), so that libkmod can be measured on alias files that depmod never saw
 * (the synthetic ones).
 *
 * Layout (big-endian): magic 0xB007F457, version 0x00020001, root node
 * offset; then nodes. A node offset carries flags in its high nibble
 * (0x80 prefix, 0x40 values, 0x20 children) and the file offset in the rest.
 * A node is: its prefix (NUL-terminated, if flagged); first and last child
 * char and one child offset per char in between (0 for none, if flagged);
 * the value count and, per value, a priority and a NUL-terminated string
 * (if flagged). Keys are the normalized patterns (invalid ones left out, as
 * depmod does), values the module names, priorities the modules' ranks of
 * first appearance; values of one key are sorted by priority, duplicates kept.
 *
 * Module trees for libkmod in a scratch directory: DIR/lib/modules/VERSION
 * holding the binary indexes of the Debian 6.12 kernel (decompressed from
 * data/), optionally with modules.alias.bin replaced by one written for
 * another alias file; and an empty directory to pass as modprobe.d so that
 * the host's configuration stays out.
 *
 * modprobe's own lookup: the system's libkmod.so.2 called in-process through
 * koffi. One lookup is kmod_module_new_from_lookup plus
 * kmod_module_unref_list, on a context made by kmod_new and
 * kmod_load_resources (indexes mapped once). `modules` also reads the
 * module names, for answer checks (not timed). The library is bound once
 * per process; loading fails softly: the caller gets the reason and skips.
 *
 * libkmod's side of the latency runs: a module tree per alias file (depmod's
 * modules.alias.bin for Debian's file, the bench writer's for the others),
 * and a check that the writer's index answers as depmod's does.
 */

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parseAliases } from "../src/parse/aliases.js";
import { DATA } from "../test/helpers/data.js";
import type { Contender } from "./contenders.js";
import type { AliasFile } from "./corpus.js";
import type { Check } from "./report.js";

const MAGIC = 0xb007f457;
const VERSION = 0x00020001;
const FLAG_PREFIX = 0x80000000;
const FLAG_VALUES = 0x40000000;
const FLAG_CHILDREN = 0x20000000;
const OFFSET_LIMIT = 0x10000000;

interface Value {
  priority: number;
  module: string;
}

/** modules.alias.bin bytes for modules.alias text. */
export function kmodAliasIndex(text: Buffer): Buffer {
  const ranks = new Map<string, number>();
  const byKey = new Map<string, Value[]>();
  for (const alias of parseAliases(text.toString("latin1")).aliases) {
    if (!ranks.has(alias.module)) ranks.set(alias.module, ranks.size);
    const values = byKey.get(alias.normalized) ?? [];
    values.push({ priority: ranks.get(alias.module) as number, module: alias.module });
    byKey.set(alias.normalized, values);
  }
  const keys = [...byKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out = new Writer();
  out.u32(MAGIC);
  out.u32(VERSION);
  out.u32(0);
  const root = keys.length === 0 ? 0 : writeNode(out, keys, byKey, 0, keys.length, 0);
  const bytes = out.bytes();
  bytes.writeUInt32BE(root >>> 0, 8);
  return bytes;
}

/** Write the node for sorted keys[from, to), all sharing their first `depth` chars; returns its flagged offset. */
function writeNode(
  out: Writer,
  keys: string[],
  byKey: Map<string, Value[]>,
  from: number,
  to: number,
  depth: number,
): number {
  const first = keys[from] as string;
  const last = keys[to - 1] as string;
  let end = depth;
  while (end < first.length && end < last.length && first[end] === last[end]) end++;
  const prefix = first.slice(depth, end);
  let at = from;
  const values = first.length === end ? (byKey.get(first) as Value[]) : [];
  if (values.length > 0) at++;
  const children: [number, number][] = [];
  while (at < to) {
    const char = (keys[at] as string).charCodeAt(end);
    let stop = at + 1;
    while (stop < to && (keys[stop] as string).charCodeAt(end) === char) stop++;
    children.push([char, writeNode(out, keys, byKey, at, stop, end + 1)]);
    at = stop;
  }
  const offset = out.length;
  if (offset >= OFFSET_LIMIT) throw new Error("alias index too large for kmod's format");
  let flags = 0;
  if (prefix.length > 0) {
    flags |= FLAG_PREFIX;
    out.text(prefix);
  }
  if (children.length > 0) {
    flags |= FLAG_CHILDREN;
    const low = (children[0] as [number, number])[0];
    const high = (children[children.length - 1] as [number, number])[0];
    out.byte(low);
    out.byte(high);
    const table = new Map(children);
    for (let c = low; c <= high; c++) out.u32(table.get(c) ?? 0);
  }
  if (values.length > 0) {
    flags |= FLAG_VALUES;
    const sorted = [...values].sort((a, b) => a.priority - b.priority);
    out.u32(sorted.length);
    for (const value of sorted) {
      out.u32(value.priority);
      out.text(value.module);
    }
  }
  return (flags | offset) >>> 0;
}

/** A growing big-endian byte buffer. */
class Writer {
  private buffer = Buffer.alloc(1 << 20);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const bigger = Buffer.alloc(Math.max(this.buffer.length * 2, this.length + n));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }

  u32(value: number): void {
    this.room(4);
    this.buffer.writeUInt32BE(value >>> 0, this.length);
    this.length += 4;
  }

  byte(value: number): void {
    this.room(1);
    this.buffer[this.length++] = value;
  }

  text(value: string): void {
    this.room(value.length + 1);
    this.length += this.buffer.write(value, this.length, "latin1");
    this.buffer[this.length++] = 0;
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

export const KERNEL = "debian-6.12.107-amd64";
export const KERNEL_VERSION = "6.12.107+deb13-amd64";
const INDEXES = ["alias", "dep", "symbols", "builtin", "builtin.alias"];

export interface KmodTree {
  /** The module directory to give kmod_new. */
  moduleDir: string;
  /** An empty configuration directory. */
  configDir: string;
  /** Size of the tree's modules.alias.bin in bytes. */
  aliasBinSize: number;
}

/** Debian's own modules.alias.bin as depmod wrote it. */
export function debianAliasBin(): Buffer {
  return gunzipSync(readFileSync(join(DATA, KERNEL, "modules.alias.bin.gz")));
}

/** A tree under `root/name`: Debian's indexes, with the alias index written for `aliasText` when given. */
export function buildKmodTree(root: string, name: string, aliasText: Buffer | null): KmodTree {
  const base = join(root, name);
  const moduleDir = join(base, "lib", "modules", KERNEL_VERSION);
  const configDir = join(base, "modprobe.d");
  mkdirSync(moduleDir, { recursive: true });
  mkdirSync(configDir, { recursive: true });
  let aliasBinSize = 0;
  for (const index of INDEXES) {
    const file = `modules.${index}.bin`;
    const bytes =
      index === "alias" && aliasText !== null
        ? kmodAliasIndex(aliasText)
        : gunzipSync(readFileSync(join(DATA, KERNEL, `${file}.gz`)));
    writeFileSync(join(moduleDir, file), bytes);
    if (index === "alias") aliasBinSize = bytes.length;
  }
  return { moduleDir, configDir, aliasBinSize };
}

export interface KmodContender extends Contender {
  /** The modules found, in libkmod's order, or libkmod's negative error. */
  modules(modalias: string): string[] | number;
  close(): void;
}

type Call = (...args: unknown[]) => unknown;

interface Binding {
  create: Call;
  load: Call;
  quiet: Call;
  release: Call;
  lookup: Call;
  releaseList: Call;
  next: Call;
  moduleOf: Call;
  nameOf: Call;
  releaseModule: Call;
}

let binding: Promise<Binding> | undefined;

async function bind(): Promise<Binding> {
  const koffi = await import("koffi");
  const lib = koffi.load("libkmod.so.2");
  // Own type names, so as not to clash with other koffi users in the process.
  koffi.opaque("bench_kmod_ctx");
  koffi.opaque("bench_kmod_list");
  koffi.opaque("bench_kmod_module");
  return {
    create: lib.func("bench_kmod_ctx *kmod_new(const char *dirname, const char **config_paths)"),
    load: lib.func("int kmod_load_resources(bench_kmod_ctx *ctx)"),
    quiet: lib.func("void kmod_set_log_priority(bench_kmod_ctx *ctx, int priority)"),
    release: lib.func("bench_kmod_ctx *kmod_unref(bench_kmod_ctx *ctx)"),
    lookup: lib.func(
      "int kmod_module_new_from_lookup(bench_kmod_ctx *ctx, const char *alias, _Out_ bench_kmod_list **list)",
    ),
    releaseList: lib.func("int kmod_module_unref_list(bench_kmod_list *list)"),
    next: lib.func("bench_kmod_list *kmod_list_next(const bench_kmod_list *list, const bench_kmod_list *curr)"),
    moduleOf: lib.func("bench_kmod_module *kmod_module_get_module(const bench_kmod_list *entry)"),
    nameOf: lib.func("const char *kmod_module_get_name(const bench_kmod_module *mod)"),
    releaseModule: lib.func("bench_kmod_module *kmod_module_unref(bench_kmod_module *mod)"),
  };
}

/** libkmod on a module directory, or the reason it cannot be used. */
export async function openLibkmod(
  moduleDir: string,
  configDir: string,
  name = "libkmod",
): Promise<KmodContender | string> {
  let k: Binding;
  try {
    binding ??= bind();
    k = await binding;
  } catch (error) {
    return `cannot call libkmod: ${error instanceof Error ? error.message : String(error)}`;
  }
  const ctx = k.create(moduleDir, [configDir, null]);
  if (ctx === null) return "kmod_new failed";
  k.quiet(ctx, 0);
  const loaded = k.load(ctx);
  if (loaded !== 0) {
    k.release(ctx);
    return `kmod_load_resources failed (${String(loaded)})`;
  }
  const out: unknown[] = [null];
  return {
    name,
    lookup(modalias: string): unknown {
      const status = k.lookup(ctx, modalias, out);
      const list = out[0];
      if (list !== null && list !== undefined) k.releaseList(list);
      out[0] = null;
      return status;
    },
    modules(modalias: string): string[] | number {
      const status = k.lookup(ctx, modalias, out);
      const list = out[0];
      out[0] = null;
      const names: string[] = [];
      for (let entry = list; entry !== null && entry !== undefined; entry = k.next(list, entry)) {
        const module = k.moduleOf(entry);
        names.push(String(k.nameOf(module)));
        k.releaseModule(module);
      }
      if (list !== null && list !== undefined) k.releaseList(list);
      return typeof status === "number" && status < 0 ? status : names;
    },
    close(): void {
      k.release(ctx);
    },
  };
}

export interface KmodSide {
  tree: KmodTree;
  from: "depmod" | "bench writer";
}

/** The tree for a file, or null for files libkmod is not run on. */
export function kmodSide(scratch: string, file: AliasFile): KmodSide | null {
  if (file.name === "real") return null;
  const own = file.name === "debian";
  return {
    tree: buildKmodTree(join(scratch, "kmod"), file.name, own ? null : file.text),
    from: own ? "depmod" : "bench writer",
  };
}

export function openSide(side: KmodSide): Promise<KmodContender | string> {
  return openLibkmod(side.tree.moduleDir, side.tree.configDir);
}

/** Do libkmod's answers on the writer's index of Debian's file equal those on depmod's? */
export async function checkWriter(
  scratch: string,
  debian: AliasFile,
  keys: readonly string[],
): Promise<Check | string> {
  const theirs = buildKmodTree(join(scratch, "kmod"), "debian", null);
  const ours = buildKmodTree(join(scratch, "kmod-check"), "debian", debian.text);
  const a = await openLibkmod(theirs.moduleDir, theirs.configDir);
  const b = await openLibkmod(ours.moduleDir, ours.configDir);
  if (typeof a === "string") return a;
  if (typeof b === "string") return b;
  let agree = 0;
  for (const key of keys) if (JSON.stringify(a.modules(key)) === JSON.stringify(b.modules(key))) agree++;
  a.close();
  b.close();
  return {
    what: "libkmod on the bench's modules.alias.bin vs depmod's (Debian file, same modules in the same order)",
    keys: keys.length,
    agree,
  };
}
