/**
 * A compiled index gets mode 0644 whatever the umask (here 077): it is meant
 * to be read by every user, as modules.alias is.
 */
import { statSync, writeFileSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { scratch } from "../helpers/scratch.js";
import { SMALL_ALIASES } from "../helpers/small.js";

const tmp = scratch();
afterAll(() => tmp.remove());

it("writes the index with mode 0644 under umask 077", () => {
  const input = tmp.path("modules.alias");
  writeFileSync(input, SMALL_ALIASES);
  const run = modalias(["compile", input, "-o", tmp.path("out.index")], { umask: "077" });
  expect(run.status, run.stderr).toBe(0);
  expect(statSync(tmp.path("out.index")).mode & 0o7777).toBe(0o644);
});
