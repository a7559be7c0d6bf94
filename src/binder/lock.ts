/**
 * One bind, unbind or rollback of a device at a time, across processes.
 *
 * The lock is an abstract Unix socket (Linux's namespace of sockets without a
 * file) named after the sysfs tree and the device: binding the name is
 * exclusive, and the kernel releases it when its process ends, however it
 * ends (a SIGKILL, a crash), so a lock is never left behind. Processes that
 * share a network namespace see each other's locks, as every process on a
 * host does. A process that finds the device locked waits for it, up to
 * LOCK_WAIT_MS, then fails saying the device is busy.
 */
import { createHash } from "node:crypto";
import { realpath } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { errnoOf } from "../files/fs.js";
import type { PciAddress } from "../platform/sysfs.js";

/** How long to wait for another process's bind or unbind of the same device: the boot unit's own timeout. */
export const LOCK_WAIT_MS = 300_000;
const RETRY_MS = 50;

/** Takes the lock of device `address` in the sysfs tree at `sysfsRoot`; resolves to its release. */
export async function lockDevice(
  sysfsRoot: string,
  address: PciAddress,
  waitMs = LOCK_WAIT_MS,
): Promise<() => Promise<void>> {
  const tree = await realpath(sysfsRoot).catch(() => sysfsRoot);
  const name = `\0modalias/${createHash("sha256").update(tree).digest("hex").slice(0, 16)}/${address}`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const server = createServer();
    try {
      await listen(server, name);
      server.unref();
      return () => new Promise((resolve) => server.close(() => resolve()));
    } catch (error) {
      if (errnoOf(error) !== "EADDRINUSE") throw error;
      if (Date.now() >= deadline) {
        throw new Error(`busy: another modalias has been binding or unbinding it for ${waitMs / 1000} s`);
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}

function listen(server: Server, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(name, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
