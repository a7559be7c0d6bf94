/**
 * Character classes of bracket expressions (`[:alpha:]` and friends) in glibc's C locale.
 *
 * The C locale knows exactly the twelve POSIX class names below (glibc's `wctype` returns 0
 * for any other name, which makes fnmatch fail); membership is plain ASCII and no byte from
 * 128 to 255 belongs to any class.
 */

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
