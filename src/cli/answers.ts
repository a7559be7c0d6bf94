/**
 * One `match` query's answer, as text or JSON: the best module (or with
 * --all every module), or with --explain every matching alias of every
 * source and why the best won.
 *
 * Text: one line per query, the module(s), or `-` when nothing matches (or
 * the query is invalid); when the queries are several (or read from stdin or
 * devices) the line starts with the query's name, so lines pair with their
 * keys. --explain gives the name's line, then one line per matching alias.
 *
 * Keys are bytes. A key read from stdin that is not valid UTF-8 is shown
 * losslessly: each byte outside a valid UTF-8 sequence becomes the lone
 * surrogate U+DC80+byte (Python's "surrogateescape"), which JSON writes as
 * `\udcXX` and text output quotes; `.encode("utf-8", "surrogateescape")`
 * gives the bytes back.
 */
import { InvalidKeyError } from "../kmod/normalize.js";
import type { AliasLookup, AliasMatch, BestAnswer } from "../lookup/lookup.js";
import { placeOf } from "../lookup/lookup.js";
import { quoted } from "../platform/sysfs.js";
import { printable } from "./output.js";

/** One query: the key to look up and how to name it. */
export interface Query {
  key: string | Uint8Array;
  /** The key as text (lossless, see above). */
  text: string;
  /** The PCI address or sysfs path it was read from, for --device. */
  device?: string;
}

export interface AnswerOptions {
  all?: boolean;
  json?: boolean;
  explain?: boolean;
  /** Whether text lines start with the query's name. */
  named: boolean;
}

export interface Answer {
  /** What to print on stdout (lines without their final newline). */
  text: string;
  status: "matched" | "unmatched" | "invalid";
  /** Why the query was refused, for stderr. */
  error: string | null;
  /** The tie, when two modules' aliases are equally specific and the text answer does not say it. */
  ambiguity: string | null;
}

/** The answer to `query` from `lookup`. */
export function answer(lookup: AliasLookup, query: Query, options: AnswerOptions): Answer {
  let best: BestAnswer;
  let matches: AliasMatch[] = [];
  try {
    best = lookup.best(query.key);
    if (options.explain) matches = lookup.explain(query.key);
    else if (options.all) matches = lookup.all(query.key);
  } catch (error) {
    if (!(error instanceof InvalidKeyError)) throw error;
    const text = options.json ? JSON.stringify({ ...named(query), error: error.message }) : line(query, "-", options);
    return { text, status: "invalid", error: error.message, ambiguity: null };
  }
  const status = best.best === null ? "unmatched" : "matched";
  // JSON and --explain say the tie in the answer itself.
  const said = options.json === true || options.explain === true;
  const ambiguity = best.ambiguous && best.best && !said ? tie(best.best, best.tiedWith) : null;
  if (options.explain) return { text: explained(query, best, matches, options), status, error: null, ambiguity };
  if (options.json)
    return { text: JSON.stringify(record(query, best, matches, options)), status, error: null, ambiguity };
  const modules = options.all ? matches.map((m) => m.module).join(" ") : (best.best?.module ?? "");
  return { text: line(query, modules === "" ? "-" : modules, options), status, error: null, ambiguity };
}

/** The query's name in text: its device, else its key (quoted when it would not read as one word). */
export function nameOf(query: Query): string {
  if (query.device !== undefined) return printable(query.device);
  if (visibleAscii(query.text)) return query.text;
  return query.text === "" || /[\s\udc80-\udcff]/.test(query.text) ? quoted(query.text) : printable(query.text);
}

/** Whether `text` is non-empty and only visible ASCII (no space): a name printed as it is. */
function visibleAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f) return false;
  }
  return text !== "";
}

function line(query: Query, modules: string, options: AnswerOptions): string {
  return options.named ? `${nameOf(query)} ${modules}` : modules;
}

/** The JSON fields that name the query. */
function named(query: Query): { device?: string; modalias: string } {
  return query.device === undefined ? { modalias: query.text } : { device: query.device, modalias: query.text };
}

function record(
  query: Query,
  best: BestAnswer,
  matches: AliasMatch[],
  options: AnswerOptions,
): Record<string, unknown> {
  const b = best.best;
  return {
    ...named(query),
    module: b?.module ?? null,
    pattern: b?.pattern ?? null,
    line: b?.line ?? null,
    origin: b?.origin ?? null,
    file: b?.file ?? null,
    stars: b?.stars ?? null,
    literals: b?.literals ?? null,
    ambiguous: best.ambiguous,
    tiedWith: best.tiedWith,
    ...(options.all
      ? { matches: matches.map(({ module, pattern, line, origin, file }) => ({ module, pattern, line, origin, file })) }
      : {}),
  };
}

function tie(best: AliasMatch, other: string | null): string {
  return `${best.module} and ${other} tie at ${best.stars} stars, ${best.literals} literals; chose ${placeOf(best)}, the earlier`;
}

/** --explain: every matching alias of every source, the best marked `*`, and why it won. */
function explained(query: Query, best: BestAnswer, matches: AliasMatch[], options: AnswerOptions): string {
  const why = reason(best, matches);
  if (options.json) {
    const aliases = matches.map((m) => ({ ...m, best: same(m, best.best) }));
    return JSON.stringify({ ...named(query), module: best.best?.module ?? null, reason: why, aliases });
  }
  const rows = matches.map((m) => [
    same(m, best.best) ? "*" : " ",
    m.module,
    printable(m.pattern),
    m.origin === "modules.alias" ? `modules.alias ${placeOf(m)}` : placeOf(m),
    `${m.stars} star${m.stars === 1 ? "" : "s"}, ${m.literals} literals`,
  ]);
  const widths = [1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
  const lines = rows.map(([mark, module = "", pattern = "", place = "", rank]) =>
    `${mark} ${module.padEnd(widths[0] ?? 0)}  ${pattern.padEnd(widths[1] ?? 0)}  ${place.padEnd(widths[2] ?? 0)}  ${rank}`.trimEnd(),
  );
  return [`${nameOf(query)}: ${best.best?.module ?? "-"}: ${why}`, ...lines].join("\n");
}

function same(a: AliasMatch, b: AliasMatch | null): boolean {
  return b !== null && a.origin === b.origin && a.line === b.line && a.file === b.file && a.module === b.module;
}

/** Why the best alias won, in kmod's order of rules (lookup.ts, kmod/order.ts). */
function reason(best: BestAnswer, matches: AliasMatch[]): string {
  const b = best.best;
  if (b === null) return "no alias matches";
  const later = [...new Set(matches.filter((m) => m.origin !== b.origin).map((m) => m.origin))];
  const first =
    later.length === 0 ? "" : ` (kmod asks ${b.origin} first and stops there; ${later.join(", ")} not asked)`;
  const rivals = matches.filter((m) => m.origin === b.origin && m.module !== b.module);
  if (rivals.length === 0) return `the only module whose aliases match in ${b.origin}${first}`;
  const next = [...rivals].sort(
    (x, y) => x.stars - y.stars || y.literals - x.literals || x.line - y.line,
  )[0] as AliasMatch;
  if (b.stars < next.stars) return `fewest stars (${b.stars}; next ${next.module} with ${next.stars})${first}`;
  if (b.literals > next.literals) {
    return `as few stars as ${next.module} (${b.stars}), more literals (${b.literals} to ${next.literals})${first}`;
  }
  return `ambiguous: ${tie(b, best.tiedWith ?? next.module)}${first}`;
}

/**
 * `bytes` as text, losslessly: valid UTF-8 decoded, each other byte as the
 * lone surrogate U+DC80+byte (see the top of this file).
 */
export function keyText(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Valid UTF-8 (every ASCII line) decodes in one step; U+FFFD shows where it may not be.
  const whole = buffer.toString("utf8");
  if (!whole.includes("\uFFFD")) return whole;
  let out = "";
  let run = 0;
  let i = 0;
  while (i < bytes.length) {
    const n = sequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    // A run of valid sequences is decoded at once, then the stray byte.
    out += buffer.toString("utf8", run, i) + String.fromCharCode(0xdc00 + (bytes[i] as number));
    i += 1;
    run = i;
  }
  return out + buffer.toString("utf8", run, i);
}

/** RFC 3629's well-formed sequences by lead byte: [first lead, last lead, length, second byte's low, high]. */
const SEQUENCES: readonly (readonly [number, number, number, number, number])[] = [
  [0xc2, 0xdf, 2, 0x80, 0xbf],
  [0xe0, 0xe0, 3, 0xa0, 0xbf],
  [0xe1, 0xec, 3, 0x80, 0xbf],
  [0xed, 0xed, 3, 0x80, 0x9f],
  [0xee, 0xef, 3, 0x80, 0xbf],
  [0xf0, 0xf0, 4, 0x90, 0xbf],
  [0xf1, 0xf3, 4, 0x80, 0xbf],
  [0xf4, 0xf4, 4, 0x80, 0x8f],
];

/** The length of the valid UTF-8 sequence at `i` (RFC 3629: no overlongs, surrogates or values past U+10FFFF), or 0. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] as number;
  if (b0 < 0x80) return 1;
  const sequence = SEQUENCES.find(([first, last]) => b0 >= first && b0 <= last);
  if (sequence === undefined) return 0;
  const [, , n, low, high] = sequence;
  if (i + n > bytes.length) return 0;
  const b1 = bytes[i + 1] as number;
  if (b1 < low || b1 > high) return 0;
  for (let k = 2; k < n; k++) {
    const b = bytes[i + k] as number;
    if (b < 0x80 || b > 0xbf) return 0;
  }
  return n;
}
