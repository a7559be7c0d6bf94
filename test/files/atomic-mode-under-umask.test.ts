/**
 * A compiled index gets mode 0644 whatever the umask (here 077): it is meant
 * to be read by every user, as modules.alias is.
 */
import { statSync, writeFileSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { SMALL_ALIASES } from "../helpers/small.js";
import { modaliasWithUmask, scratch } from "../helpers/spawn.js";

const tmp = scratch();
afterAll(() => tmp.remove());

it("writes the index with mode 0644 under umask 077", () => {
  const input = tmp.path("modules.alias");
  writeFileSync(input, SMALL_ALIASES);
  const run = modaliasWithUmask("077", ["compile", input, "-o", tmp.path("out.index")]);
  expect(run.status, run.stderr).toBe(0);
  expect(statSync(tmp.path("out.index")).mode & 0o7777).toBe(0o644);
});
