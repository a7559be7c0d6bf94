/**
 * `modalias match`: answer modalias queries from the arguments, from
 * devices (--device: a PCI address or a sysfs device directory, whose
 * modalias is read) or, with --stdin, from standard input, one answer per
 * query in the same order, streaming (answers.ts says what an answer looks
 * like). Exit 0 when every query matched, 1 when some matched nothing, 2
 * when some query was invalid or some device unreadable.
 *
 * Blank stdin lines are skipped and a line's CRLF ending is a line ending,
 * not part of the key; a key with leading or trailing white space is
 * matched as it is, as kmod would, with a warning. Ties (two modules'
 * aliases equally specific) are summed up in one warning at the end; -q
 * leaves the warnings out.
 */
import { isAscii } from "node:buffer";
import { join } from "node:path";
import type { Command } from "commander";
import { FileError, fileError, PAGE_LIMIT, readBounded } from "../files/fs.js";
import type { AliasLookup } from "../lookup/lookup.js";
import { AddressError, DeviceGoneError, parsePciAddress, readModalias, SysfsReader } from "../platform/sysfs.js";
import { type Answer, type AnswerOptions, answer, keyText, nameOf, type Query } from "./answers.js";
import { type CommandSpec, defineSpec } from "./options.js";
import { type CommandContext, EXIT_SOME_FAILED, EXIT_USAGE, type Output, UsageError } from "./output.js";
import { collect, openSources, SOURCE_OPTIONS, type SourceOptions } from "./sources.js";
import { SYSFS_ROOT_OPTION } from "./sysfs-root.js";

export interface MatchOptions extends SourceOptions, Omit<AnswerOptions, "named"> {
  stdin?: boolean;
  device?: string[];
  sysfsRoot: string;
  quiet?: boolean;
}

const EXAMPLE = `
Examples:
  modalias match vfio_pci:v000015B3d0000101Esv000015B3sd00000001bc02sc00i00
  modalias match --all --json -C /etc/modprobe.d pci:v00008086d000015B8sv00008086sd00000001bc02sc00i00
  modalias match --device 0000:01:00.0 --device /sys/bus/usb/devices/1-1:1.0
  modalias match --explain pci:v00008086d000015B8sv00008086sd00000001bc02sc00i00
  cat /sys/bus/pci/devices/*/modalias | modalias match --stdin --json`;

export const MATCH: CommandSpec = {
  name: "match",
  description: "print the best module for each modalias",
  arguments: [["[modalias...]", "modalias strings to look up"]],
  options: [
    { flags: "--all", description: "print every matching module, in kmod's order" },
    { flags: "--explain", description: "print every matching alias of every source, and why the best won" },
    { flags: "--json", description: "one JSON object per query per line" },
    { flags: "--stdin", description: "read one modalias per line from standard input (blank lines skipped)" },
    {
      flags: "--device <device>",
      description: "look up a device's modalias: a PCI address (DDDD:BB:DD.F) or a sysfs device directory (repeatable)",
      parse: collect,
    },
    { flags: "-q, --quiet", description: "leave out warnings (ties between modules, white space in keys)" },
    SYSFS_ROOT_OPTION,
    ...SOURCE_OPTIONS,
  ],
  helpAfter: EXAMPLE,
};

export function defineMatch(command: Command, context: CommandContext): void {
  defineSpec(command, MATCH).action((modaliases: string[], options: MatchOptions) =>
    runMatch(modaliases, options, context),
  );
}

export async function runMatch(
  modaliases: string[],
  options: MatchOptions,
  { output, stdin }: CommandContext,
): Promise<void> {
  const devices = options.device ?? [];
  if (options.stdin && modaliases.length + devices.length > 0) {
    throw new UsageError("give queries as arguments (or --device) or with --stdin, not both");
  }
  if (!options.stdin && modaliases.length + devices.length === 0) {
    throw new UsageError("no modalias given (give one, --device or --stdin)");
  }
  const { lookup } = await openSources(options, output);
  const named = options.stdin === true || modaliases.length + devices.length > 1;
  const batch = new Batch(output, lookup, { ...options, named }, options.quiet === true);
  if (options.stdin)
    await eachLine(
      stdin,
      (line) => batch.add(stdinQuery(line)),
      () => batch.flush(),
    );
  for (const modalias of modaliases) batch.add({ key: modalias, text: modalias });
  const sysfs = new SysfsReader(options.sysfsRoot);
  for (const device of devices) {
    const query = await deviceQuery(sysfs, device, output);
    if (query !== null) batch.add(query);
  }
  await batch.flush();
  batch.summary();
}

/** A stdin line's query, or null for a blank line; a CRLF line ending is not part of the key. */
function stdinQuery(line: string | Uint8Array): Query | null {
  if (typeof line === "string") {
    const text = line.endsWith("\r") ? line.slice(0, -1) : line;
    return text === "" ? null : { key: text, text };
  }
  const bytes = line.at(-1) === 13 ? line.subarray(0, -1) : line;
  if (bytes.length === 0) return null;
  // An ASCII line is the same key as text or as bytes: converted once, not per lookup.
  const text = keyText(bytes);
  return { key: isAscii(bytes) ? text : bytes, text };
}

/**
 * The modalias of a device given as a PCI address (under --sysfs-root) or as
 * a sysfs device directory; null after reporting one that cannot be read.
 */
async function deviceQuery(sysfs: SysfsReader, device: string, output: Output): Promise<Query | null> {
  try {
    if (device.includes("/")) {
      const file = join(device, "modalias");
      const { bytes } = await readBounded(file, PAGE_LIMIT).catch((error: unknown) => {
        throw fileError(file, error);
      });
      const text = keyText(bytes).replace(/\n$/, "");
      if (text === "") throw new FileError(file, "is empty: the device has no modalias");
      return { key: text, text, device };
    }
    const address = parsePciAddress(device);
    const text = await readModalias(sysfs, address);
    return { key: text, text, device: address };
  } catch (error) {
    if (!(error instanceof FileError || error instanceof DeviceGoneError || error instanceof AddressError)) throw error;
    const subject = error instanceof FileError ? null : error instanceof AddressError ? JSON.stringify(device) : device;
    output.error(subject, error.message);
    output.fail(EXIT_USAGE);
    return null;
  }
}

/**
 * Answers written to stdout one batch at a time (one write per chunk of
 * input, not per line), honouring back-pressure; errors go to stderr at
 * once, ties are counted for one warning at the end, and the exit status
 * rises with each unmatched or invalid query.
 */
class Batch {
  private pending: string[] = [];
  private ties = 0;
  private firstTie = "";

  constructor(
    private readonly output: Output,
    private readonly lookup: AliasLookup,
    private readonly options: AnswerOptions,
    private readonly quiet: boolean,
  ) {}

  add(query: Query | null): void {
    if (query === null) return;
    if (!this.quiet && hasOuterSpace(query.text)) {
      this.output.warning(nameOf(query), "leading or trailing white space is part of the key, as in kmod");
    }
    const result: Answer = answer(this.lookup, query, this.options);
    if (result.error !== null) this.output.error(null, result.error);
    if (result.ambiguity !== null && this.ties++ === 0) this.firstTie = `${nameOf(query)}: ${result.ambiguity}`;
    if (result.status === "unmatched") this.output.fail(EXIT_SOME_FAILED);
    if (result.status === "invalid") this.output.fail(EXIT_USAGE);
    this.pending.push(`${result.text}\n`);
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join("");
    this.pending = [];
    if (!this.output.write(chunk)) await this.output.drained();
  }

  /** The ties, once: the first in full, and how many others (--json names each one's tiedWith). */
  summary(): void {
    if (this.quiet || this.ties === 0) return;
    const more = this.ties - 1;
    const others =
      more === 0 ? "" : `; and ${more} more ${more === 1 ? "query ties" : "queries tie"} (--json names the modules)`;
    this.output.note(`modalias: warning: ambiguous: ${this.firstTie}${others}`);
  }
}

/** Whether `text` starts or ends with white space (as String.trim sees it); a visible ASCII end is not. */
function hasOuterSpace(text: string): boolean {
  const visible = (c: number): boolean => c > 0x20 && c < 0x7f;
  if (visible(text.charCodeAt(0)) && visible(text.charCodeAt(text.length - 1))) return false;
  return text !== text.trim();
}

/**
 * Each line of `input` (without its newline), in order: as text when the
 * chunk it is in is ASCII (decoded once per chunk), else as bytes; `batch`
 * after each chunk read. A line that spans chunks is kept as a list of its
 * pieces and joined once at its end, so a line costs time linear in its
 * length however many chunks it arrives in.
 */
async function eachLine(
  input: AsyncIterable<Uint8Array>,
  visit: (line: string | Uint8Array) => void,
  batch: () => Promise<void>,
): Promise<void> {
  let pieces: Buffer[] = [];
  for await (const chunk of input) {
    const data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    let start = 0;
    const first = data.indexOf(10);
    if (pieces.length > 0 && first >= 0) {
      visit(Buffer.concat([...pieces, data.subarray(0, first)]));
      pieces = [];
      start = first + 1;
    }
    const last = data.lastIndexOf(10);
    if (last >= start) {
      const lines = data.subarray(start, last + 1);
      if (isAscii(lines)) eachTextLine(lines.toString("latin1"), visit);
      else eachByteLine(lines, visit);
      start = last + 1;
    }
    // A copy: the stream may reuse the chunk's memory.
    if (start < data.length) pieces.push(Buffer.from(data.subarray(start)));
    await batch();
  }
  if (pieces.length > 0) visit(Buffer.concat(pieces));
}

/** Each line of `text`, which ends with a newline. */
function eachTextLine(text: string, visit: (line: string) => void): void {
  for (let start = 0, end = text.indexOf("\n"); end >= 0; start = end + 1, end = text.indexOf("\n", start)) {
    visit(text.slice(start, end));
  }
}

/** Each line of `data`, which ends with a newline. */
function eachByteLine(data: Buffer, visit: (line: Uint8Array) => void): void {
  for (let start = 0, end = data.indexOf(10); end >= 0; start = end + 1, end = data.indexOf(10, start)) {
    visit(data.subarray(start, end));
  }
}
