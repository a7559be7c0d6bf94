/**
 * Compile time and index size per alias file: compileAliasText then
 * encodeIndex, repeated (after one warm-up run on small files) and the median
 * kept; the index is written next to the text for the other measurements.
 */
import { writeFileSync } from "node:fs";
import { compileAliasText } from "../../src/index/build.js";
import { encodeIndex } from "../../src/index/format.js";
import type { AliasFile } from "../corpus/files.js";
import { median } from "./spawn.js";

export interface BuildResult {
  file: string;
  lines: number;
  textBytes: number;
  indexBytes: number;
  indexPath: string;
  /** Median of `runs` in-process parse+compile+encode times, ms. */
  compileMs: number;
  runs: number;
}

/** Runs for a file of `lines` lines: fewer for big files. */
const runsFor = (lines: number): number => (lines <= 50_000 ? 5 : lines <= 150_000 ? 3 : 1);

export function buildIndex(file: AliasFile): { result: BuildResult; bytes: Buffer } {
  const runs = runsFor(file.lines);
  if (runs > 1) encodeIndex({ aliases: compileAliasText(file.text).index, builtin: null });
  const times: number[] = [];
  let bytes: Buffer = Buffer.alloc(0);
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    bytes = encodeIndex({ aliases: compileAliasText(file.text).index, builtin: null });
    times.push(performance.now() - start);
  }
  const indexPath = `${file.path}.index`;
  writeFileSync(indexPath, bytes);
  return {
    result: {
      file: file.name,
      lines: file.lines,
      textBytes: file.text.length,
      indexBytes: bytes.length,
      indexPath,
      compileMs: median(times),
      runs,
    },
    bytes,
  };
}
