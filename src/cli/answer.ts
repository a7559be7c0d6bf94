/**
 * One query's answer as the match command prints it: a text line (the best
 * module, or with --all every module, space-separated; empty when nothing
 * matches) or a JSON object per line. Ambiguity goes to stderr in text mode.
 */
import { InvalidKeyError } from "../lookup/key.js";
import { placeOf, type AliasLookup, type AliasMatch } from "../lookup/lookup.js";

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
      record.matches = matches.map((m) => ({ module: m.module, pattern: m.pattern, line: m.line, origin: m.origin, file: m.file }));
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
