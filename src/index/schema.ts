/**
 * Field schemas: the buses whose modalias strings are a fixed sequence of
 * `tag` + fixed-width uppercase hex value fields, as the kernel prints them.
 *
 *   pci:v%08Xd%08Xsv%08Xsd%08Xbc%02Xsc%02Xi%02X          (also vfio_pci:)
 *   usb:v%04Xp%04Xd%04Xdc%02Xdsc%02Xdp%02Xic%02Xisc%02Xip%02Xin%02X
 *
 * A pattern is *field-aligned* when, after the prefix, every field is its tag
 * followed by either `*` or exactly `width` uppercase hex digits, optionally
 * ending with one more `*`, and it contains nothing else.
 *
 * Why field-wise comparison is then exactly fnmatch: tags are lowercase
 * letters and values are uppercase hex digits, so in a well-formed key the
 * lowercase letters after the prefix are exactly the tags, in order. The
 * pattern has the same letters in the same order and no `*` can produce a
 * letter, so each pattern tag must land on the same key tag; between two
 * tags, `*` matches the whole value and a literal value must equal it. Keys
 * that are not well-formed (lowercase hex, wrong width, trailing text) get no
 * such guarantee and are matched with fnmatch instead.
 */

export interface FieldSpec {
  tag: string;
  /** Number of hex digits. */
  width: number;
}

export interface Schema {
  name: string;
  /** Normalized prefixes (kmod turns `-` into `_`), each a separate trie. */
  prefixes: readonly string[];
  fields: readonly FieldSpec[];
}

const f = (tag: string, width: number): FieldSpec => ({ tag, width });

export const SCHEMAS: readonly Schema[] = [
  {
    name: "pci",
    prefixes: ["pci:", "vfio_pci:"],
    fields: [f("v", 8), f("d", 8), f("sv", 8), f("sd", 8), f("bc", 2), f("sc", 2), f("i", 2)],
  },
  {
    name: "usb",
    prefixes: ["usb:"],
    fields: [
      f("v", 4),
      f("p", 4),
      f("d", 4),
      f("dc", 2),
      f("dsc", 2),
      f("dp", 2),
      f("ic", 2),
      f("isc", 2),
      f("ip", 2),
      f("in", 2),
    ],
  },
];

/** The value that stands for `*` in a field. */
export const ANY_VALUE = -1;

/** A field-aligned pattern: one value (or {@link ANY_VALUE}) per field. */
export interface FieldPattern {
  values: number[];
  trailingStar: boolean;
}

/** The schema and prefix a normalized string starts with, if any. */
export function schemaFor(text: string): { schema: Schema; prefix: string } | null {
  for (const schema of SCHEMAS) {
    for (const prefix of schema.prefixes) {
      if (text.startsWith(prefix)) return { schema, prefix };
    }
  }
  return null;
}

/**
 * Read a pattern as fields; null when it is not field-aligned.
 * `pattern` must start with `prefix`.
 */
export function parseFieldPattern(schema: Schema, prefix: string, pattern: string): FieldPattern | null {
  const values: number[] = [];
  let at = prefix.length;
  for (const field of schema.fields) {
    if (!pattern.startsWith(field.tag, at)) return null;
    at += field.tag.length;
    if (pattern.charCodeAt(at) === 0x2a /* * */) {
      values.push(ANY_VALUE);
      at += 1;
      continue;
    }
    const value = readHex(pattern, at, field.width);
    if (value < 0) return null;
    values.push(value);
    at += field.width;
  }
  if (at === pattern.length) return { values, trailingStar: false };
  if (at === pattern.length - 1 && pattern.charCodeAt(at) === 0x2a && values[values.length - 1] !== ANY_VALUE) {
    return { values, trailingStar: true };
  }
  return null;
}

/** Read a key as fields; null when it is not exactly the kernel's format. */
export function parseFieldKey(schema: Schema, prefix: string, key: string): number[] | null {
  const layout = new KeyLayout(schema, prefix);
  return key.startsWith(prefix) && layout.fits(key) ? layout.values(key) : null;
}

/**
 * A key in the kernel's exact format for one schema and prefix: every such
 * key has the same length and its fields at the same offsets, so one test
 * (a regular expression: native code, the cheapest whole-string scan in V8)
 * tells whether a key is in the format, and a field's value is then read
 * from fixed offsets only when a walk needs it (most aliases leave most
 * fields `*`).
 */
export class KeyLayout {
  private readonly format: RegExp;
  private readonly prefixLength: number;
  /** Per field: the offset of its first digit. */
  private readonly valueAt: Int32Array;
  private readonly width: Int32Array;

  constructor(schema: Schema, prefix: string) {
    let source = "";
    let at = prefix.length;
    const valueAt: number[] = [];
    for (const field of schema.fields) {
      source += `${field.tag}[0-9A-F]{${field.width}}`;
      at += field.tag.length;
      valueAt.push(at);
      at += field.width;
    }
    // Sticky: tested from the end of the prefix, which the caller has checked.
    this.format = new RegExp(`${source}$`, "y");
    this.prefixLength = prefix.length;
    this.valueAt = Int32Array.from(valueAt);
    this.width = Int32Array.from(schema.fields, (field) => field.width);
  }

  /** Whether a key that starts with the prefix is in this exact format. */
  fits(key: string): boolean {
    this.format.lastIndex = this.prefixLength;
    return this.format.test(key);
  }

  /** Field `field`'s value in a key that {@link fits}. */
  value(key: string, field: number): number {
    const first = this.valueAt[field] as number;
    const end = first + (this.width[field] as number);
    let value = 0;
    for (let at = first; at < end; at++) value = value * 16 + (HEX_DIGIT[key.charCodeAt(at)] as number);
    return value;
  }

  /** Every field's value in a key that {@link fits}. */
  values(key: string): number[] {
    return Array.from(this.valueAt, (_, field) => this.value(key, field));
  }
}

/** Render field values back into the pattern text they came from. */
export function formatFieldPattern(
  schema: Schema,
  prefix: string,
  values: readonly number[],
  trailingStar: boolean,
): string {
  let out = prefix;
  schema.fields.forEach((field, i) => {
    const value = values[i] ?? ANY_VALUE;
    out += field.tag + (value === ANY_VALUE ? "*" : value.toString(16).toUpperCase().padStart(field.width, "0"));
  });
  return trailingStar ? `${out}*` : out;
}

/**
 * The text of the field pattern a well-formed `key` matched: the key with
 * the fields in `starMask` (bit i = field i) written as `*`.
 */
export function patternFromKey(
  schema: Schema,
  prefix: string,
  key: string,
  starMask: number,
  trailingStar: boolean,
): string {
  let out = prefix;
  let at = prefix.length;
  schema.fields.forEach((field, i) => {
    at += field.tag.length;
    out += field.tag + ((starMask >> i) & 1 ? "*" : key.slice(at, at + field.width));
    at += field.width;
  });
  return trailingStar ? `${out}*` : out;
}

/** Uppercase hex digit values by char code; -1 for any other char. */
const HEX_DIGIT = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let c = 0; c < 16; c++) table["0123456789ABCDEF".charCodeAt(c)] = c;
  return table;
})();

/** Exactly `width` uppercase hex digits at `at`, as a number; -1 otherwise. */
export function readHex(text: string, at: number, width: number): number {
  if (at + width > text.length) return -1;
  let value = 0;
  for (let i = at; i < at + width; i++) {
    const c = text.charCodeAt(i);
    const digit = c < 0x80 ? (HEX_DIGIT[c] as number) : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}
