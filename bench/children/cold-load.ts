/**
 * Child process for the cold measurements: in a fresh node (no JIT warm-up),
 * read an index file and decode it, or read an alias text file and compile it,
 * then answer one lookup. Prints one JSON line: the time for that (ms) and the
 * time node took to get here (start-up and imports, ms).
 *
 *   node cold-load.js load|compile FILE MODALIAS
 */
import { readFileSync } from "node:fs";
import { compileAliasText } from "../../src/index/build.js";
import { decodeIndex } from "../../src/index/format.js";
import { AliasLookup } from "../../src/lookup/lookup.js";

const startupMs = performance.now();
const [mode, file, modalias] = process.argv.slice(2);
if ((mode !== "load" && mode !== "compile") || file === undefined || modalias === undefined) {
  throw new Error("usage: cold-load.js load|compile FILE MODALIAS");
}
const start = performance.now();
const bytes = readFileSync(file);
const index = mode === "load" ? decodeIndex(bytes) : compileAliasText(bytes).index;
const module = new AliasLookup(index).best(modalias).best?.module ?? null;
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ ms, startupMs, module })}\n`);
