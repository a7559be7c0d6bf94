/**
 * Child process for the memory measurement: load an index file, answer every
 * modalias of a key file (one per line), and print the peak resident set
 * size (VmHWM of /proc/self/status, which starts afresh at exec, unlike
 * getrusage's maxrss) before loading and at the end, and the heap in use,
 * as one JSON line.
 *
 *   node peak-rss.js INDEX KEYFILE
 */
import { readFileSync } from "node:fs";
import { decodeIndex } from "../../src/index/format.js";
import { AliasLookup } from "../../src/lookup/lookup.js";

/** VmHWM in kB. */
function peakKb(): number {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "latin1"));
  if (match === null) throw new Error("no VmHWM in /proc/self/status");
  return Number(match[1]);
}

const [file, keyFile] = process.argv.slice(2);
if (file === undefined || keyFile === undefined) throw new Error("usage: peak-rss.js INDEX KEYFILE");
const baselineKb = peakKb();
const lookup = new AliasLookup(decodeIndex(readFileSync(file)));
let found = 0;
for (const key of readFileSync(keyFile, "latin1").split("\n")) {
  if (key !== "" && lookup.best(key).best !== null) found++;
}
const memory = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({ baselineKb, peakKb: peakKb(), heapUsedMb: memory.heapUsed / 2 ** 20, arrayBuffersMb: memory.arrayBuffers / 2 ** 20, found })}\n`,
);
