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
 */
import { parseAliases } from "../../src/parse/aliases.js";

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
