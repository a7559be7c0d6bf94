/**
 * A source compiled piece by piece, as a file is compiled while it is read, gives what the
 * whole text parses to and the same index bytes as compiling it whole, wherever the pieces
 * are cut: inside a line, inside a record, right after a line's end, and around a line longer
 * than the text the compiler decodes at a time.
 */
import { describe, expect, it } from "vitest";
import { compileAliasText, compileBuiltinText, SourceCompiler } from "../../src/index/build.js";
import { encodeIndex } from "../../src/index/format.js";
import { parseAliases, parseBuiltinModinfo } from "../../src/parse/aliases.js";
import { debianAliases, debianBuiltinModinfo } from "../helpers/data.js";
import { rng } from "../helpers/keys.js";

/** The real file with bad lines, a CRLF line, a line of 100,000 bytes and no final newline. */
function aliasText(): Buffer {
  const long = `alias of:N*T*C${"x".repeat(100_000)}* long_module`;
  const extra = [
    "alias pci:v* bad module name!",
    "alias usb:v1234* crlf\r",
    "",
    "# comment",
    long,
    "alias acpi*:X:* last",
  ];
  return Buffer.concat([debianAliases(), Buffer.from(extra.join("\n"), "latin1")]);
}

function builtinText(): Buffer {
  const long = `big.alias=of:N*T*C${"y".repeat(100_000)}*`;
  return Buffer.concat([debianBuiltinModinfo(), Buffer.from(`bad-[.alias=x[\0${long}\0\0last.alias=z`, "latin1")]);
}

/** `bytes` cut at `cuts` (sorted offsets). */
function piecesAt(bytes: Buffer, cuts: number[]): Buffer[] {
  return [0, ...cuts, bytes.length].slice(1).map((end, i, ends) => bytes.subarray(i === 0 ? 0 : ends[i - 1], end));
}

function randomCuts(length: number, seed: number): number[] {
  const next = rng(seed);
  const cuts = Array.from({ length: 40 }, () => Math.floor(next() * length));
  return [...new Set(cuts)].sort((a, b) => a - b);
}

const sources = [
  { kind: "alias", text: aliasText(), separator: 0x0a, whole: compileAliasText, parse: parseAliases },
  { kind: "builtin", text: builtinText(), separator: 0, whole: compileBuiltinText, parse: parseBuiltinModinfo },
] as const;

describe.each(sources)("$kind source", ({ kind, text, separator, whole, parse }) => {
  const parsed = parse(text.toString("latin1"));
  const compiled = whole(text);
  const bytes = encodeIndex({ aliases: compiled.index, builtin: null });

  it("compiled whole: every line the parser reads, in order", () => {
    expect(compiled.lines).toBe(parsed.lines);
    expect(compiled.problems).toEqual(parsed.problems);
    expect(compiled.index.entries.line).toEqual(Uint32Array.from(parsed.aliases.map((a) => a.line)));
  });

  const separators: number[] = [];
  for (let at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, at + 1)) separators.push(at);
  const cutSets = {
    "at random offsets": randomCuts(text.length, 7),
    "right after separators": separators.filter((_, i) => i % 997 === 0).map((at) => at + 1),
    "one byte at a time around the long line": Array.from({ length: 300 }, (_, i) => text.length - 100_100 + i),
  };
  it.each(Object.entries(cutSets))("in pieces cut %s: the same index, problems and line count", (_, cuts) => {
    const compiler = new SourceCompiler(kind);
    for (const piece of piecesAt(text, cuts)) compiler.write(piece);
    const inPieces = compiler.end();
    expect(inPieces.lines).toBe(compiled.lines);
    expect(inPieces.problems).toEqual(compiled.problems);
    expect(encodeIndex({ aliases: inPieces.index, builtin: null }).equals(bytes)).toBe(true);
  });
});
