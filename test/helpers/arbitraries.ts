/**
 * fast-check generators for the pattern tests: patterns over glibc's whole fnmatch syntax
 * (quirks included) and keys built to be near a given pattern.
 */
import fc from "fast-check";
import { ANY_BYTE, buildProgram, END, SET, STAR, TABLE } from "../../src/kmod/fnmatch.js";

/** Bytes that are plain text in a pattern (some are special only inside brackets). */
const PLAIN = [
  "a",
  "b",
  "c",
  "x",
  "z",
  "A",
  "0",
  "9",
  "-",
  "_",
  ":",
  "=",
  ".",
  "/",
  "!",
  "^",
  "{",
  ",",
  "}",
  "(",
  ")",
  "|",
  "+",
  "@",
  " ",
  "\u00e9",
  "\u0080",
  "\u00ff",
];
/** Bytes a key is made of, besides those copied from the pattern. */
const FILLER = [...PLAIN, "[", "]", "\\", "*", "?"];

const rangeBound = fc.constantFrom(
  "a",
  "c",
  "z",
  "0",
  "9",
  "-",
  "]",
  "[",
  "!",
  "\\]",
  "\\-",
  "\\",
  "\u00e9",
  "\u00ff",
  "[.a.]",
  "[.-.]",
  "[.ab.]",
  "[=a=]",
  "A",
);
const classLike = fc.constantFrom(
  "[:alpha:]",
  "[:digit:]",
  "[:upper:]",
  "[:lower:]",
  "[:punct:]",
  "[:space:]",
  "[:xdigit:]",
  "[:alnum:]",
  "[:foo:]",
  "[:alphaz:]",
  "[:ALPHA:]",
  "[:",
  "[:al",
  "[::]",
  "[:]",
  "[:a-b:]",
  "[:x:]",
);
const equivalenceLike = fc.constantFrom("[=a=]", "[=]=]", "[==]", "[=ab=]", "[=", "[=a", "[=\u00e9=]", "[=-=]");
const collatingLike = fc.constantFrom("[.a.]", "[.].]", "[.-.]", "[..]", "[...]", "[.ab.]", "[.", "[.a", "[.a.");
const backslashed = fc.constantFrom("\\]", "\\\\", "\\a", "\\-", "\\[", "\\!", "\\*", "\\");

const member = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PLAIN, "[", "*", "?") },
  { weight: 2, arbitrary: fc.tuple(rangeBound, rangeBound).map(([low, high]) => `${low}-${high}`) },
  { weight: 1, arbitrary: classLike },
  { weight: 1, arbitrary: equivalenceLike },
  { weight: 1, arbitrary: collatingLike },
  { weight: 1, arbitrary: backslashed },
);

const bracket = fc
  .tuple(
    fc.constantFrom("", "", "!", "^"),
    fc.constantFrom("", "", "]", "-"),
    fc.array(member, { maxLength: 4 }),
    fc.constantFrom("]", "]", "]", ""),
  )
  .map(([negation, first, members, close]) => `[${negation}${first}${members.join("")}${close}`);

/**
 * Brackets where glibc's parse loop and skip loop end at different `]`: a range ending in `[`
 * followed by what the skip loop reads as `[:name:]`, `[=x=]` or `[.x.]`.
 */
const splitBracket = fc
  .tuple(
    fc.constantFrom("", "!"),
    fc.constantFrom("b", "", "]", "[:alpha:]"),
    fc.constantFrom("a-[", "-[", "z-[", "\\a-["),
    fc.constantFrom(":x:]", ":alpha:]", "=]=]", "=a=]", ".a.]", ":]", "=", ":a"),
    fc.array(fc.constantFrom("y", "]", "*", "b", "?", "Q", "[", "\\"), { maxLength: 4 }),
  )
  .map(([negation, first, range, tail, rest]) => `[${negation}${first}${range}${tail}${rest.join("")}`);

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PLAIN) },
  { weight: 3, arbitrary: fc.constantFrom("*", "?", "**", "*?", "[", "]", "\\") },
  { weight: 3, arbitrary: bracket },
  { weight: 1, arbitrary: splitBracket },
  { weight: 1, arbitrary: backslashed },
);

/** Patterns over the whole syntax: stars, `?`, brackets of every kind, escapes, stray `[`/`]`. */
export const patternArb: fc.Arbitrary<string> = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join(""));

/** A key that follows the pattern's own states, with random choices: usually a match. */
export function sampleKey(pattern: string, choices: readonly number[]): string {
  const { kind, next, minimum, sets, tables } = buildProgram(pattern);
  let i = 0;
  const choose = (n: number): number => (n <= 1 ? 0 : (choices[i++ % Math.max(choices.length, 1)] ?? 0) % n);
  const filler = (): string => FILLER[choose(FILLER.length)] ?? "a";
  let key = "";
  for (let p = 0, steps = 0; steps < 64; steps++) {
    const k = kind[p] ?? END;
    if (k === END) break;
    if (k >= 0) {
      key += String.fromCharCode(k);
      p = next[p] ?? 0;
    } else if (k === STAR) {
      for (let n = (minimum[p] ?? 0) + choose(4); n > 0; n--) key += filler();
      p = next[p] ?? 0;
    } else if (k === ANY_BYTE) {
      key += filler();
      p = next[p] ?? 0;
    } else if (k === SET || k === TABLE) {
      const admitted: number[] = [];
      for (let b = 1; b < 256; b++) {
        const set = sets[p];
        const table = tables[p];
        if (set !== undefined ? ((set[b >>> 5] ?? 0) >>> (b & 31)) & 1 : (table?.[b] ?? -1) >= 0) admitted.push(b);
      }
      const b = admitted[choose(admitted.length)] ?? 0x61;
      key += String.fromCharCode(b);
      p = k === SET ? (next[p] ?? 0) : (tables[p]?.[b] ?? 0);
    } else {
      key += filler();
      break;
    }
  }
  return key;
}

/** Changes a key a little: deletes, inserts or replaces one char, or doubles it. */
export function mutateKey(key: string, choices: readonly number[]): string {
  const [what = 0, where = 0, which = 0] = choices;
  const at = key.length === 0 ? 0 : where % key.length;
  const filler = FILLER[which % FILLER.length] ?? "a";
  switch (what % 5) {
    case 0:
      return key.slice(0, at) + key.slice(at + 1);
    case 1:
      return key.slice(0, at) + filler + key.slice(at);
    case 2:
      return key.slice(0, at) + filler + key.slice(at + 1);
    case 3:
      return key + key;
    default:
      return key;
  }
}

/** A pattern and a key near it: sampled from the pattern, often slightly changed. */
export const patternAndKeyArb: fc.Arbitrary<[string, string]> = fc
  .tuple(
    patternArb,
    fc.array(fc.nat(), { minLength: 8, maxLength: 24 }),
    fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
    fc.nat(3),
  )
  .map(([pattern, choices, mutation, mode]) => {
    const sampled = sampleKey(pattern, choices);
    return [pattern, mode === 0 ? sampled : mutateKey(sampled, mutation)];
  });
