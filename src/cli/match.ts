/**
 * `modalias match`: answer modalias queries from the arguments or, with
 * --stdin, from standard input, one answer line per query line in the same
 * order, streaming. Exit 0 when every query matched, 1 when some matched
 * nothing, 2 when some query was invalid.
 *
 * One query's answer is a text line (the best module, or with --all every
 * module, space-separated; empty when nothing matches) or a JSON object per
 * line. Ambiguity goes to stderr in text mode.
 */
import { isAscii } from "node:buffer";
import type { Command } from "commander";
import { InvalidKeyError } from "../kmod/normalize.js";
import { type AliasLookup, type AliasMatch, placeOf } from "../lookup/lookup.js";
import { CliError, type CommandContext, EXIT_SOME_FAILED, EXIT_USAGE, type Output } from "./output.js";
import { addSourceOptions, openSources, type SourceOptions } from "./sources.js";

interface MatchOptions extends SourceOptions, AnswerOptions {
  stdin?: boolean;
}

interface AnswerOptions {
  all?: boolean;
  json?: boolean;
}

const EXAMPLE = `
Examples:
  modalias match vfio_pci:v000015B3d0000101Esv000015B3sd00000001bc02sc00i00
  modalias match --all --json -C /etc/modprobe.d pci:v00008086d000015B8sv00008086sd00000001bc02sc00i00
  cat /sys/bus/pci/devices/*/modalias | modalias match --stdin --json`;

export function defineMatch(command: Command, context: CommandContext): void {
  command
    .argument("[modalias...]", "modalias strings to look up")
    .description("print the best module for each modalias")
    .option("--all", "print every matching module, in kmod's order")
    .option("--json", "one JSON object per query per line")
    .option("--stdin", "read one modalias per line from standard input");
  addSourceOptions(command)
    .addHelpText("after", EXAMPLE)
    .action((modaliases: string[], options: MatchOptions) => runMatch(modaliases, options, context));
}

async function runMatch(modaliases: string[], options: MatchOptions, { output, stdin }: CommandContext): Promise<void> {
  if (options.stdin && modaliases.length > 0) throw new CliError("give queries as arguments or with --stdin, not both");
  if (!options.stdin && modaliases.length === 0) throw new CliError("no modalias given (or use --stdin)");
  const { lookup } = await openSources(options, output);
  const batch = new Batch(output);
  const take = (modalias: string | Uint8Array): void => batch.add(answer(lookup, modalias, options));
  if (options.stdin) await eachLine(stdin, take, () => batch.flush());
  else for (const modalias of modaliases) take(modalias);
  await batch.flush();
}

/**
 * Answers written to stdout one batch at a time (one write per chunk of
 * input, not per line), honouring back-pressure; notes go to stderr at once
 * and the exit status rises with each unmatched or invalid query.
 */
class Batch {
  private pending: string[] = [];

  constructor(private readonly output: Output) {}

  add(result: Answer): void {
    if (result.note !== null) this.output.note(result.note);
    if (result.status === "unmatched") this.output.fail(EXIT_SOME_FAILED);
    if (result.status === "invalid") this.output.fail(EXIT_USAGE);
    this.pending.push(`${result.line}\n`);
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join("");
    this.pending = [];
    if (!this.output.write(chunk)) await this.output.drained();
  }
}

/**
 * Each line of `input` as bytes (without its newline), in order; `batch`
 * after each chunk read. A line that spans chunks is kept as a list of its
 * pieces and joined once at its end, so a line costs time linear in its
 * length however many chunks it arrives in.
 */
async function eachLine(
  input: AsyncIterable<Uint8Array>,
  visit: (line: Uint8Array) => void,
  batch: () => Promise<void>,
): Promise<void> {
  let pieces: Buffer[] = [];
  for await (const chunk of input) {
    const data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    let start = 0;
    for (let end = data.indexOf(10); end >= 0; end = data.indexOf(10, start)) {
      const line = data.subarray(start, end);
      visit(pieces.length > 0 ? Buffer.concat([...pieces, line]) : line);
      pieces = [];
      start = end + 1;
    }
    // A copy: the stream may reuse the chunk's memory.
    if (start < data.length) pieces.push(Buffer.from(data.subarray(start)));
    await batch();
  }
  if (pieces.length > 0) visit(Buffer.concat(pieces));
}

interface Answer {
  /** The line to print on stdout (without newline). */
  line: string;
  /** A note for stderr, if any. */
  note: string | null;
  status: "matched" | "unmatched" | "invalid";
}

function answer(lookup: AliasLookup, modalias: string | Uint8Array, options: AnswerOptions): Answer {
  const shown = typeof modalias === "string" ? modalias : Buffer.from(modalias).toString("latin1");
  // An ASCII line is the same key as text or as bytes: converted once, not per lookup.
  const key = typeof modalias !== "string" && isAscii(modalias) ? shown : modalias;
  let best: ReturnType<AliasLookup["best"]>;
  let matches: AliasMatch[] = [];
  try {
    best = lookup.best(key);
    if (options.all) matches = lookup.all(key);
  } catch (error) {
    if (!(error instanceof InvalidKeyError)) throw error;
    return {
      line: options.json ? JSON.stringify({ modalias: shown, error: error.message }) : "",
      note: `modalias: ${error.message}`,
      status: "invalid",
    };
  }
  const status = best.best ? "matched" : "unmatched";
  if (options.json) {
    const b = best.best;
    const record: Record<string, unknown> = {
      modalias: shown,
      module: b?.module ?? null,
      pattern: b?.pattern ?? null,
      line: b?.line ?? null,
      origin: b?.origin ?? null,
      file: b?.file ?? null,
      stars: b?.stars ?? null,
      literals: b?.literals ?? null,
      ambiguous: best.ambiguous,
    };
    if (options.all) {
      record.matches = matches.map((m) => ({
        module: m.module,
        pattern: m.pattern,
        line: m.line,
        origin: m.origin,
        file: m.file,
      }));
    }
    return { line: JSON.stringify(record), note: null, status };
  }
  const line = options.all ? matches.map((m) => m.module).join(" ") : (best.best?.module ?? "");
  const note =
    best.ambiguous && best.best
      ? `modalias: ${shown}: ambiguous: ${best.best.module} and ${best.tiedWith} tie at ${best.best.stars} stars, ${best.best.literals} literals; chose ${placeOf(best.best)}`
      : null;
  return { line, note, status };
}
