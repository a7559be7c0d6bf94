#!/usr/bin/env node
/**
 * The `modalias` executable: runs the program (program.ts) on the process's
 * arguments and streams, and exits with its status.
 */
import { once } from "node:events";
import { EXIT_USAGE } from "./output.js";
import { runModalias } from "./program.js";

// A reader that stops early (`modalias status | head`) closes the pipe: stop
// quietly, with the exit status of the work done so far.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    process.exit(error.code === "EPIPE" ? Number(process.exitCode ?? 0) : EXIT_USAGE);
  });
}

// No top-level await: the shipped command is a CommonJS bundle (see package.json "build"),
// which starts faster than an ES module entry.
void runModalias(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  drained: async () => void (await once(process.stdout, "drain")),
  stderr: (text) => void process.stderr.write(text),
  stdin: process.stdin,
  statusChanged: (status) => {
    process.exitCode = status;
  },
}).then((status) => {
  process.exitCode = status;
});
