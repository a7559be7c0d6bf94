#!/usr/bin/env node
/**
 * The `modalias` executable: runs the program (program.ts) on the process's
 * arguments and streams, and exits with its status.
 */
import { once } from "node:events";
import { fstatSync } from "node:fs";
import { FileError, fileError, reasonOf } from "../files/fs.js";
import { EXIT_USAGE } from "./output.js";
import { runModalias } from "./program.js";

// A reader that stops early (`modalias status | head`) closes the pipe: stop
// quietly, with the exit status of the work done so far. Any other failed
// write to stdout (a full disk) is said once, as coreutils say it, and is bad
// output: exit 2. A failed stderr has nowhere to be said.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(Number(process.exitCode ?? 0));
  const words = reasonOf(error);
  process.stderr.write(`modalias: write error: ${words.charAt(0).toUpperCase()}${words.slice(1)}\n`);
  process.exit(EXIT_USAGE);
});
process.stderr.on("error", (error: NodeJS.ErrnoException) => {
  process.exit(error.code === "EPIPE" ? Number(process.exitCode ?? 0) : EXIT_USAGE);
});

// No top-level await: the shipped command is a CommonJS bundle (see package.json "build"),
// which starts faster than an ES module entry.
void runModalias(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  drained: async () => void (await once(process.stdout, "drain")),
  stderr: (text) => void process.stderr.write(text),
  stdin: standardInput(),
  statusChanged: (status) => {
    process.exitCode = status;
  },
}).then((status) => {
  process.exitCode = status;
});

/**
 * Standard input, checked when first read: Node reads a directory given as
 * stdin (`< /etc`) as an empty stream, which would answer nothing and succeed.
 */
async function* standardInput(): AsyncGenerator<Uint8Array> {
  const what = "standard input";
  let directory: boolean;
  try {
    directory = fstatSync(0).isDirectory();
  } catch (error) {
    throw fileError(what, error);
  }
  if (directory) throw new FileError(what, "is a directory");
  yield* process.stdin;
}
