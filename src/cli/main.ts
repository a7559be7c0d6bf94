#!/usr/bin/env node
/**
 * The `modalias` executable: runs the program (program.ts) on the process's
 * arguments and streams, and exits with its status.
 */
import { once } from "node:events";
import { fstatSync, writeSync } from "node:fs";
import { FileError, fileError, reasonOf } from "../files/fs.js";
import { EXIT_USAGE } from "./output.js";
import { runModalias } from "./program.js";

// A reader that stops early (`modalias status | head`) closes the pipe: stop
// quietly, with the exit status of the work done so far. Any other failed
// write to stdout (a full disk) is said once, as coreutils say it, and is bad
// output: exit 2. A failed stderr has nowhere to be said. The streams are
// made when a write to the descriptor does not take everything (see writeTo).
let stdout: NodeJS.WriteStream | null = null;
let stderr: NodeJS.WriteStream | null = null;

function stdoutStream(): NodeJS.WriteStream {
  if (stdout !== null) return stdout;
  stdout = process.stdout;
  stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(Number(process.exitCode ?? 0));
    const words = reasonOf(error);
    stderrStream().write(`modalias: write error: ${words.charAt(0).toUpperCase()}${words.slice(1)}\n`);
    process.exit(EXIT_USAGE);
  });
  return stdout;
}

function stderrStream(): NodeJS.WriteStream {
  if (stderr !== null) return stderr;
  stderr = process.stderr;
  stderr.on("error", (error: NodeJS.ErrnoException) => {
    process.exit(error.code === "EPIPE" ? Number(process.exitCode ?? 0) : EXIT_USAGE);
  });
  return stderr;
}

// No top-level await: the shipped command is a CommonJS bundle (see package.json "build"),
// which starts faster than an ES module entry.
void runModalias(process.argv.slice(2), {
  stdout: (text) => writeTo(1, text),
  drained: async () => void (await once(stdoutStream(), "drain")),
  stderr: (text) => void writeTo(2, text),
  stdin: standardInput(),
  statusChanged: (status) => {
    process.exitCode = status;
  },
}).then((status) => {
  process.exitCode = status;
  // A lookup's hot loops set V8 compiling optimized code on other threads, and a process whose
  // event loop runs dry waits for every such compile to finish (a tenth of node's start-up for
  // `match`): exit at once when nothing is left to write.
  if (written(stdout) && written(stderr)) process.exit(status);
});

/**
 * Whether everything written to `stream` is out (null: never made, every write went straight
 * to the descriptor); not when a write failed, whose handler above is still to say so.
 */
function written(stream: NodeJS.WriteStream | null): boolean {
  return stream === null || (stream.writableLength === 0 && stream.errored === null);
}

/**
 * Writes `text` to standard output (1) or error (2): straight to the file
 * descriptor while it takes everything (creating process.stdout or
 * process.stderr costs a pipe's stream, a tenth of node's start-up), else
 * through the stream, which waits where the descriptor would block and
 * reports a failure as above.
 */
function writeTo(fd: 1 | 2, text: string): boolean {
  const stream = fd === 1 ? stdout : stderr;
  if (stream !== null) return stream.write(text);
  const bytes = Buffer.from(text);
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(fd, bytes, done);
    return true;
  } catch {
    return (fd === 1 ? stdoutStream() : stderrStream()).write(bytes.subarray(done));
  }
}

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
