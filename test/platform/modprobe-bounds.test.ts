/**
 * modprobe runs within hard bounds: one that sleeps past its deadline, or
 * ignores SIGTERM, is killed with its whole process group soon after the
 * deadline; one that exits but leaves a child holding its pipes is not waited
 * for; one that prints without end is stopped at the output limit. Each
 * failure is a sentence, never an exception.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { modprobeLoader } from "../../src/platform/modprobe.js";
import { moduleName } from "../../src/platform/sysfs.js";

const dir = mkdtempSync(join(tmpdir(), "modalias-modprobe-"));
const strays: number[] = [];
afterAll(() => {
  for (const pid of strays) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

/** A fake modprobe running `body` as a shell script. */
function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** Whether process `pid` still runs (a zombie left for an init that does not reap has ended). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work;
  return { value, ms: Date.now() - started };
}

it("kills a modprobe that sleeps past its deadline", { timeout: 10_000 }, async () => {
  const loader = modprobeLoader(script("sleeps", "sleep 30"), { timeoutMs: 300 });
  const { value, ms } = await timed(loader.load("vfio_pci"));
  expect(value).toMatch(/sleeps timed out after 0\.3 s and was killed$/);
  expect(ms).toBeLessThan(3_000);
});

it("kills the whole group of a modprobe that ignores SIGTERM", { timeout: 10_000 }, async () => {
  const pidFile = join(dir, "stubborn.pid");
  const loader = modprobeLoader(script("stubborn", `trap '' TERM\nsleep 30 &\necho $! > '${pidFile}'\nwait`), {
    timeoutMs: 300,
  });
  const { value, ms } = await timed(loader.load("vfio_pci"));
  expect(value).toMatch(/timed out after 0\.3 s and was killed$/);
  expect(ms).toBeLessThan(4_000);
  const child = Number(readFileSync(pidFile, "utf8"));
  strays.push(child);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(alive(child)).toBe(false);
});

it("does not wait for a child that keeps the pipes after modprobe exits", { timeout: 10_000 }, async () => {
  const pidFile = join(dir, "leaves.pid");
  const loader = modprobeLoader(script("leaves", `sleep 30 &\necho $! > '${pidFile}'\nexit 0`), { timeoutMs: 5_000 });
  const { value, ms } = await timed(loader.load("vfio_pci"));
  strays.push(Number(readFileSync(pidFile, "utf8")));
  expect(value).toBeNull();
  expect(ms).toBeLessThan(2_000);
});

it("stops a modprobe that prints without end, and still reads its configuration", { timeout: 10_000 }, async () => {
  const alias = "alias pci:v00008086d00001572sv*sd*bc*sc*i* i40e";
  const loader = modprobeLoader(script("chatty", `[ "$1" = -c ] && echo 'blacklist vfio_pci'\nexec yes '${alias}'`), {
    timeoutMs: 5_000,
  });
  const { value, ms } = await timed(loader.load("vfio_pci"));
  expect(value).toMatch(/chatty printed more than 16 MiB and was stopped$/);
  expect(ms).toBeLessThan(4_000);
  expect(await loader.prohibition(moduleName("vfio_pci"))).toMatchObject({ kind: "blacklist" });
});
