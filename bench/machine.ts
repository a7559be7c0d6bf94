/**
 * The machine a run was made on: cores, CPU model, memory, node and the
 * libkmod in use.
 */
import { readFileSync, realpathSync } from "node:fs";
import { availableParallelism, totalmem } from "node:os";

export interface Machine {
  nproc: number;
  cpu: string;
  memoryGb: number;
  node: string;
  platform: string;
  libkmod: string;
}

export function describeMachine(): Machine {
  let cpu = "unknown";
  try {
    cpu = /^model name\s*:\s*(.*)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpu;
  } catch {
    // not Linux: leave unknown
  }
  return {
    nproc: availableParallelism(),
    cpu,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    libkmod: libkmodFile(),
  };
}

function libkmodFile(): string {
  for (const dir of [
    "/lib/x86_64-linux-gnu",
    "/usr/lib/x86_64-linux-gnu",
    "/usr/lib64",
    "/usr/lib",
    "/lib64",
    "/lib",
  ]) {
    try {
      return realpathSync(`${dir}/libkmod.so.2`).split("/").pop() ?? "libkmod.so.2";
    } catch {
      // try the next directory
    }
  }
  return "not found";
}
