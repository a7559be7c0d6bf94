/**
 * `modalias match`: answer modalias queries from the arguments or, with
 * --stdin, from standard input, one answer line per query line in the same
 * order, streaming. Exit 0 when every query matched, 1 when some matched
 * nothing, 2 when some query was invalid.
 */
import type { AliasLookup } from "../lookup/lookup.js";
import { answer, type Answer, type AnswerOptions } from "./answer.js";
import { CliError, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE } from "./errors.js";
import { openLookup, type SourceOptions } from "./source.js";

export interface MatchOptions extends SourceOptions, AnswerOptions {
  stdin?: boolean;
}

export async function runMatch(modaliases: string[], options: MatchOptions): Promise<number> {
  if (options.stdin && modaliases.length > 0) throw new CliError("give queries as arguments or with --stdin, not both");
  if (!options.stdin && modaliases.length === 0) throw new CliError("no modalias given (or use --stdin)");
  const lookup = await openLookup(options);
  const tally = new Tally();
  const out = new Output();
  if (options.stdin) {
    await eachStdinLine((line) => out.add(tally.take(answer(lookup, line, options))), () => out.flush());
  } else {
    for (const modalias of modaliases) out.add(tally.take(answer(lookup, modalias, options)));
  }
  await out.flush();
  return tally.exitCode();
}

class Tally {
  private unmatched = false;
  private invalid = false;

  take(result: Answer): string {
    if (result.note !== null) process.stderr.write(`${result.note}\n`);
    if (result.status === "unmatched") this.unmatched = true;
    if (result.status === "invalid") this.invalid = true;
    return `${result.line}\n`;
  }

  exitCode(): number {
    if (this.invalid) return EXIT_USAGE;
    return this.unmatched ? EXIT_SOME_FAILED : EXIT_OK;
  }
}

/** Buffered stdout: one write per batch, honouring back-pressure. */
class Output {
  private pending: string[] = [];

  add(text: string): void {
    this.pending.push(text);
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join("");
    this.pending = [];
    if (!process.stdout.write(chunk)) await new Promise<void>((resolve) => process.stdout.once("drain", resolve));
  }
}

/** Each line of stdin as bytes (without its newline), in order; `batch` after each chunk read. */
async function eachStdinLine(visit: (line: Uint8Array) => void, batch: () => Promise<void>): Promise<void> {
  let rest = Buffer.alloc(0);
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    const data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let end = data.indexOf(10); end >= 0; end = data.indexOf(10, start)) {
      visit(data.subarray(start, end));
      start = end + 1;
    }
    rest = Buffer.from(data.subarray(start));
    await batch();
  }
  if (rest.length > 0) visit(rest);
}
