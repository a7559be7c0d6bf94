/**
 * The child process of the fresh-process measurements (processes.ts), in one
 * of two modes; each prints one JSON line.
 *
 *   node child.js cold load|compile FILE MODALIAS
 *       In a fresh node (no JIT warm-up), read an index file and open it,
 *       or read an alias text file and compile it, then answer one lookup:
 *       the time for that (ms) and the time node took to get here (start-up
 *       and imports, ms).
 *   node child.js peak-rss INDEX KEYFILE
 *       Load an index file, answer every modalias of a key file (one per
 *       line), and print the peak resident set size (VmHWM of
 *       /proc/self/status, which starts afresh at exec, unlike getrusage's
 *       maxrss) before loading and at the end, and the heap in use.
 */
import { readFileSync } from "node:fs";
import { compileAliasText } from "../src/index/build.js";
import { openIndex } from "../src/index/format.js";
import { AliasLookup } from "../src/lookup/lookup.js";

const startupMs = performance.now();
const [mode, ...args] = process.argv.slice(2);
if (mode === "cold") cold(args);
else if (mode === "peak-rss") peakRss(args);
else throw new Error("usage: child.js cold|peak-rss ...");

function cold([kind, file, modalias]: string[]): void {
  if ((kind !== "load" && kind !== "compile") || file === undefined || modalias === undefined) {
    throw new Error("usage: child.js cold load|compile FILE MODALIAS");
  }
  const start = performance.now();
  const bytes = readFileSync(file);
  const index = kind === "load" ? openIndex(bytes) : compileAliasText(bytes).index;
  const module = new AliasLookup(index).best(modalias).best?.module ?? null;
  const ms = performance.now() - start;
  process.stdout.write(`${JSON.stringify({ ms, startupMs, module })}\n`);
}

/** VmHWM in kB. */
function peakKb(): number {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "latin1"));
  if (match === null) throw new Error("no VmHWM in /proc/self/status");
  return Number(match[1]);
}

function peakRss([file, keyFile]: string[]): void {
  if (file === undefined || keyFile === undefined) throw new Error("usage: child.js peak-rss INDEX KEYFILE");
  const baselineKb = peakKb();
  const lookup = new AliasLookup(openIndex(readFileSync(file)));
  let found = 0;
  for (const key of readFileSync(keyFile, "latin1").split("\n")) {
    if (key !== "" && lookup.best(key).best !== null) found++;
  }
  const memory = process.memoryUsage();
  process.stdout.write(
    `${JSON.stringify({ baselineKb, peakKb: peakKb(), heapUsedMb: memory.heapUsed / 2 ** 20, arrayBuffersMb: memory.arrayBuffers / 2 ** 20, found })}\n`,
  );
}
