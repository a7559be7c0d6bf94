/**
 * The system's libkmod opened on the Debian 6.12 tree of data/ (its binary
 * indexes written to a scratch directory, no configuration), for tests that
 * compare answers with modprobe's own. When libkmod cannot be loaded the
 * reason is returned (and printed) so that the caller can skip.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { DATA } from "./data.js";
import { type Kmod, openKmod } from "./libkmod.js";

export interface DebianKmod {
  kmod: Kmod | string;
  /** Closes libkmod and removes the scratch directory. */
  close(): void;
}

export async function openDebianKmod(): Promise<DebianKmod> {
  const scratch = mkdtempSync(join(tmpdir(), "modalias-kmod-"));
  const config = join(scratch, "modprobe.d");
  mkdirSync(config);
  for (const name of ["alias", "dep", "symbols", "builtin", "builtin.alias"]) {
    const bin = gunzipSync(readFileSync(`${DATA}debian-6.12.107-amd64/modules.${name}.bin.gz`));
    writeFileSync(join(scratch, `modules.${name}.bin`), bin);
  }
  const kmod = await openKmod(scratch, config);
  if (typeof kmod === "string") console.warn(`skipping the comparison with libkmod: ${kmod}`);
  return {
    kmod,
    close(): void {
      if (typeof kmod !== "string") kmod.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
