/**
 * The real C library's fnmatch, called in-process through koffi, as the reference for
 * differential tests. Loading fails softly: callers get the reason and skip.
 */

export interface Reference {
  /** The C library's name and version, e.g. "glibc 2.36". */
  readonly version: string;
  /** `fnmatch(pattern, key, 0) == 0`; both strings are bytes 0..255, one char each. */
  fnmatch(pattern: string, key: string): boolean;
}

const LC_ALL = 6;

/** Loads glibc's fnmatch in the C locale, or tells why it cannot be used here. */
export async function loadGlibc(): Promise<Reference | string> {
  if (process.env.POSIXLY_CORRECT !== undefined) return "POSIXLY_CORRECT is set, which changes fnmatch";
  try {
    const koffi = await import("koffi");
    const libc = koffi.load("libc.so.6");
    const version: unknown = libc.func("const char *gnu_get_libc_version(void)")();
    const setlocale = libc.func("const char *setlocale(int category, const char *locale)");
    const mbCurMax = libc.func("size_t __ctype_get_mb_cur_max(void)");
    const fnmatch = libc.func("int fnmatch(const uint8_t *pattern, const uint8_t *string, int flags)");
    const locale: unknown = setlocale(LC_ALL, "C");
    if (locale !== "C") return `cannot switch the C library to the C locale (got ${String(locale)})`;
    const max: unknown = mbCurMax();
    if (Number(max) !== 1) return `the C locale is not single-byte here (MB_CUR_MAX ${String(max)})`;
    return {
      version: `glibc ${String(version)}`,
      fnmatch(pattern: string, key: string): boolean {
        const result: unknown = fnmatch(cString(pattern), cString(key), 0);
        return result === 0;
      },
    };
  } catch (error) {
    return `cannot call the C library's fnmatch: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function cString(text: string): Buffer {
  return Buffer.from(`${text}\0`, "latin1");
}
