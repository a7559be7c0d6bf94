#!/usr/bin/env node
/**
 * The `modalias` executable as shipped (dist/cli/modalias.cjs): runs the
 * program bundled into one file (dist/cli/modalias-main.cjs, main.ts and
 * everything it imports) with the V8 code cache made when the package was
 * built (`npm run build`), so that a start does not compile the bundle's
 * functions again. V8 rejects a cache made by another node binary; the
 * bundle is then compiled as usual: a few milliseconds slower, never
 * different. MODALIAS_CODE_CACHE=write (the build) writes the cache at exit.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Script } from "node:vm";

const bundle = join(__dirname, "modalias-main.cjs");
const cacheFile = `${bundle}.cache`;
let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // no cache: compile as usual
}
// CommonJS's module wrapper (node:module's wrap, which a start need not load for it).
const source = `(function (exports, require, module, __filename, __dirname) { ${readFileSync(bundle, "utf8").replace(/^#!.*/, "")}\n});`;
const script = new Script(source, { filename: bundle, cachedData });
if (process.env.MODALIAS_CODE_CACHE === "write") {
  process.on("exit", () => writeFileSync(cacheFile, script.createCachedData()));
}
const module = { exports: {} };
script.runInThisContext()(module.exports, require, module, bundle, __dirname);
