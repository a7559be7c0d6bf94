/**
 * glibc's reading of one bracket expression (`[` ... `]`) in fnmatch with flags 0 in the C
 * locale, worked out for every subject byte at once.
 *
 * For a `[` at pattern offset `open` and a subject byte b, glibc's matcher either gives up
 * on the current attempt or consumes b and resumes at some pattern offset. Which offset
 * depends on b, because glibc reads the bracket with two loops that disagree on details:
 *
 * - The parse loop walks the members until one admits b. A member is a plain byte, `\x`
 *   (any byte x), `[:name:]` (a class; the name may only hold `a`..`y` — glibc tests
 *   `c < 'a' || c >= 'z'` — otherwise the `[` is a plain member; a name of 2048 or more such
 *   letters fails; an unknown name fails), `[=x=]` (the byte x; if malformed, `[` is a plain
 *   member), `[.x.]` (the byte x; another length, or no closing `.]`, fails), and ranges
 *   `a-z`, `\a-\z`, `[.a.]-[.z.]` compared as unsigned bytes (C-locale collation order), empty
 *   when reversed. A `-` just before `]` is a plain member; after a collating symbol that
 *   `-` also stops the symbol itself from matching (`[[.a.]-]` admits only `-`). A range whose
 *   end is missing (the pattern ends) fails. `!` or `^` right after `[` negates; a `]` right
 *   after that is a plain member. The first `]` met where a member would start ends the bracket;
 *   reaching the end of the pattern instead makes the `[` a plain literal `[` and matching
 *   resumes right after it.
 * - Once a member admits b, the skip loop looks for the closing `]` from there. It skips `\x`,
 *   `[:name:]` (a name starting with 2047 letters `a`..`y` fails), `[=x=]` (malformed fails)
 *   and `[.anything.]` (unclosed fails); reaching the end of the pattern again turns the `[`
 *   into a literal `[` (even for a negated bracket).
 *
 * A bracket whose members admit b resumes after the `]` the skip loop found (or fails when
 * negated); one whose members do not admit b resumes after the `]` the parse loop found (or
 * fails when not negated).
 *
 * Character classes of bracket expressions (`[:alpha:]` and friends) in glibc's C locale.
 *
 * The C locale knows exactly the twelve POSIX class names below (glibc's `wctype` returns 0
 * for any other name, which makes fnmatch fail); membership is plain ASCII and no byte from
 * 128 to 255 belongs to any class.
 */
/** The outcome of a byte that makes the current attempt fail. */
export const NO_MATCH = -1;

/** glibc's CHAR_CLASS_MAX_LENGTH (CHARCLASS_NAME_MAX). */
const CLASS_NAME_LIMIT = 2048;

/** Outcome not yet known. */
const UNDECIDED = -2;
/** Outcome "the bracket is unterminated": the `[` only matches itself. */
const AS_LITERAL = -3;

const NUL = 0x00;
const BANG = 0x21;
const DOT = 0x2e;
const DASH = 0x2d;
const COLON = 0x3a;
const EQUALS = 0x3d;
const OPEN = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE = 0x5d;
const CARET = 0x5e;
const LOWEST_NAME = 0x61; // 'a'
const ABOVE_NAME = 0x7a; // 'z': glibc's class-name scan stops at it

/** The pattern read as a C string: offsets past its end read as NUL. */
type At = (offset: number) => number;

/**
 * For the bracket whose `[` is at offset `open`: for each byte 0..255, the pattern offset at
 * which matching resumes after consuming that byte, or {@link NO_MATCH}.
 */
export function bracketTransitions(pattern: string, open: number): Int32Array {
  const at: At = (offset) => (offset < pattern.length ? pattern.charCodeAt(offset) : NUL);
  const outcomes = new Outcomes(open);
  let p = open + 1;
  const negated = at(p) === BANG || at(p) === CARET;
  if (negated) p++;
  const admitted = (from: number) => (): number => {
    const end = skipToEnd(at, from);
    if (end === AS_LITERAL) return AS_LITERAL;
    return negated ? NO_MATCH : end;
  };

  let c = at(p++);
  for (;;) {
    let member = -1; // a byte to read as a plain member (glibc's `normal_bracket`)
    let low = -1; // the byte that starts a possible range
    if (c === BACKSLASH) {
      if (at(p) === NUL) return outcomes.finish(NO_MATCH);
      member = at(p++);
    } else if (c === OPEN && at(p) === COLON) {
      const name = readClassName(at, p);
      if (name === null) return outcomes.finish(NO_MATCH);
      if (typeof name === "number") {
        member = OPEN; // not a class: `[` is a plain member, `:` comes next
      } else {
        const test = charClass(pattern.slice(p + 1, name.end - 2));
        if (test === null) return outcomes.finish(NO_MATCH);
        p = name.end;
        outcomes.settle(0, 255, test, admitted(p));
        c = at(p++);
      }
    } else if (c === OPEN && at(p) === EQUALS) {
      if (at(p + 1) !== NUL && at(p + 2) === EQUALS && at(p + 3) === CLOSE) {
        const x = at(p + 1);
        p += 4;
        outcomes.settle(x, x, null, admitted(p));
        c = at(p++);
      } else {
        member = OPEN;
      }
    } else if (c === NUL) {
      return outcomes.finish(AS_LITERAL);
    } else if (c === OPEN && at(p) === DOT) {
      const end = collatingSymbolEnd(at, p);
      if (end < 0 || end - p !== 4) return outcomes.finish(NO_MATCH);
      const x = at(p + 1);
      p = end;
      if (!(at(p) === DASH && at(p + 1) !== NUL)) outcomes.settle(x, x, null, admitted(p));
      low = x;
      c = at(p++);
    } else {
      member = c;
    }

    if (member >= 0) {
      const isRange = at(p) === DASH && at(p + 1) !== NUL && at(p + 1) !== CLOSE;
      if (!isRange) outcomes.settle(member, member, null, admitted(p));
      low = member;
      c = at(p++);
    }

    if (low >= 0 && c === DASH && at(p) !== CLOSE) {
      let high = at(p++);
      if (high === OPEN && at(p) === DOT) {
        const end = collatingSymbolEnd(at, p);
        if (end < 0 || end - p !== 4) return outcomes.finish(NO_MATCH);
        high = at(p + 1);
        p = end;
      } else {
        if (high === BACKSLASH) high = at(p++);
        if (high === NUL) return outcomes.finish(NO_MATCH);
      }
      outcomes.settle(low, high, null, admitted(p));
      c = at(p++);
    }

    if (c === CLOSE) break;
  }
  return outcomes.finish(negated ? p : NO_MATCH);
}

/** The outcome table under construction. */
class Outcomes {
  private readonly next = new Int32Array(256).fill(UNDECIDED);

  constructor(private readonly open: number) {}

  /** Gives the still-undecided bytes low..high that pass `test` the outcome `outcome()`. */
  settle(low: number, high: number, test: ClassTest | null, outcome: () => number): void {
    let value = UNDECIDED;
    for (let b = low; b <= high; b++) {
      if (this.next[b] !== UNDECIDED || (test !== null && !test(b))) continue;
      if (value === UNDECIDED) value = outcome();
      this.next[b] = value === AS_LITERAL ? (b === OPEN ? this.open + 1 : NO_MATCH) : value;
    }
  }

  /** Gives every still-undecided byte `outcome` and returns the table. */
  finish(outcome: number): Int32Array {
    this.settle(0, 255, null, () => outcome);
    return this.next;
  }
}

/**
 * The parse loop's reading of `[:` with the `:` at `colon`: null when it fails (name too
 * long), the offset of the `:` when the text is no class (the `[` is then a plain member),
 * or the offset just past the closing `:]`.
 */
function readClassName(at: At, colon: number): { end: number } | number | null {
  for (let length = 0; ; length++) {
    if (length === CLASS_NAME_LIMIT) return null;
    const q = colon + 1 + length;
    const c = at(q);
    if (c === COLON && at(q + 1) === CLOSE) return { end: q + 2 };
    if (c < LOWEST_NAME || c >= ABOVE_NAME) return colon;
  }
}

/**
 * With the `.` of `[.` at `dot`: the offset just past the closing `.]`, or -1 when the
 * pattern ends first. The symbol is then the text between the two dots.
 */
function collatingSymbolEnd(at: At, dot: number): number {
  for (let q = dot + 1; ; q++) {
    const c = at(q);
    if (c === DOT && at(q + 1) === CLOSE) return q + 2;
    if (c === NUL) return -1;
  }
}

/**
 * glibc's skip loop, run after a member matched, from offset `from`: the offset just past
 * the closing `]`, {@link AS_LITERAL} when the pattern ends first, or {@link NO_MATCH}.
 */
function skipToEnd(at: At, from: number): number {
  let p = from;
  for (;;) {
    const c = at(p++);
    if (c === CLOSE) return p;
    if (c === NUL) return AS_LITERAL;
    if (c === BACKSLASH) {
      if (at(p) === NUL) return NO_MATCH;
      p++;
    } else if (c === OPEN && at(p) === COLON) {
      p = skipClassName(at, p);
      if (p < 0) return NO_MATCH;
    } else if (c === OPEN && at(p) === EQUALS) {
      if (at(p + 1) === NUL || at(p + 2) !== EQUALS || at(p + 3) !== CLOSE) return NO_MATCH;
      p += 4;
    } else if (c === OPEN && at(p) === DOT) {
      p = collatingSymbolEnd(at, p);
      if (p < 0) return NO_MATCH;
    }
  }
}

/**
 * The skip loop's reading of `[:` with the `:` at `colon`: the offset past the closing `:]`,
 * the offset of the `:` when the text is no class, or -1 when the name is too long.
 */
function skipClassName(at: At, colon: number): number {
  for (let count = 1; ; count++) {
    const q = colon + count;
    if (count === CLASS_NAME_LIMIT) return -1;
    const c = at(q);
    if (c === COLON && at(q + 1) === CLOSE) return q + 2;
    if (c < LOWEST_NAME || c >= ABOVE_NAME) return colon;
  }
}

/** Tells whether a byte (0..255) belongs to a class. */
export type ClassTest = (c: number) => boolean;

const isUpper: ClassTest = (c) => c >= 0x41 && c <= 0x5a;
const isLower: ClassTest = (c) => c >= 0x61 && c <= 0x7a;
const isDigit: ClassTest = (c) => c >= 0x30 && c <= 0x39;
const isAlpha: ClassTest = (c) => isUpper(c) || isLower(c);
const isAlnum: ClassTest = (c) => isAlpha(c) || isDigit(c);
const isGraph: ClassTest = (c) => c >= 0x21 && c <= 0x7e;

const CLASSES: ReadonlyMap<string, ClassTest> = new Map<string, ClassTest>([
  ["alnum", isAlnum],
  ["alpha", isAlpha],
  ["blank", (c) => c === 0x20 || c === 0x09],
  ["cntrl", (c) => c < 0x20 || c === 0x7f],
  ["digit", isDigit],
  ["graph", isGraph],
  ["lower", isLower],
  ["print", (c) => c >= 0x20 && c <= 0x7e],
  ["punct", (c) => isGraph(c) && !isAlnum(c)],
  ["space", (c) => c === 0x20 || (c >= 0x09 && c <= 0x0d)],
  ["upper", isUpper],
  ["xdigit", (c) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)],
]);

/** The membership test of a class name, or null when the C locale has no such class. */
export function charClass(name: string): ClassTest | null {
  return CLASSES.get(name) ?? null;
}
