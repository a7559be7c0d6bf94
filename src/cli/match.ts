/**
 * `modalias match`: answer modalias queries from the arguments or, with
 * --stdin, from standard input, one answer line per query line in the same
 * order, streaming. Exit 0 when every query matched, 1 when some matched
 * nothing, 2 when some query was invalid.
 */

import { InvalidKeyError } from "../kmod/normalize.js";
/**
 * One query's answer as the match command prints it: a text line (the best
 * module, or with --all every module, space-separated; empty when nothing
 * matches) or a JSON object per line. Ambiguity goes to stderr in text mode.
 */
import { type AliasLookup, type AliasMatch, placeOf } from "../lookup/lookup.js";
import { openLookup, type SourceOptions } from "./options.js";
import { CliError, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE } from "./output.js";

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
    await eachStdinLine(
      (line) => out.add(tally.take(answer(lookup, line, options))),
      () => out.flush(),
    );
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

export interface AnswerOptions {
  all?: boolean;
  json?: boolean;
}

export interface Answer {
  /** The line to print on stdout (without newline). */
  line: string;
  /** A note for stderr, if any. */
  note: string | null;
  status: "matched" | "unmatched" | "invalid";
}

export function answer(lookup: AliasLookup, modalias: string | Uint8Array, options: AnswerOptions): Answer {
  const shown = typeof modalias === "string" ? modalias : Buffer.from(modalias).toString("latin1");
  let best: ReturnType<AliasLookup["best"]>;
  let matches: AliasMatch[] = [];
  try {
    best = lookup.best(modalias);
    if (options.all) matches = lookup.all(modalias);
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
