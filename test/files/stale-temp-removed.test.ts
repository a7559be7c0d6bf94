/**
 * A compile killed mid-write leaves its temporary file (`.NAME.PID.RANDOM.tmp`)
 * behind; the next write of the same file removes it, and leaves alone the
 * temporary files of writers still running.
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { modalias } from "../helpers/cli.js";
import { scratch } from "../helpers/scratch.js";
import { SMALL_ALIASES } from "../helpers/small.js";

const tmp = scratch();
afterAll(() => tmp.remove());

it("removes a dead writer's temporary file and keeps a live one's", () => {
  writeFileSync(tmp.path("modules.alias"), SMALL_ALIASES);
  const dead = spawnSync("sh", ["-c", "echo $$"], { encoding: "utf8" }).stdout.trim();
  const stale = tmp.path(`.out.index.${dead}.0badc0de.tmp`);
  const live = tmp.path(`.out.index.${process.pid}.600dc0de.tmp`);
  writeFileSync(stale, "half an index");
  writeFileSync(live, "being written");

  expect(modalias(["compile", tmp.path("modules.alias"), "-o", tmp.path("out.index")]).status).toBe(0);

  expect(existsSync(stale)).toBe(false);
  expect(existsSync(live)).toBe(true);
});
