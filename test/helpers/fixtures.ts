/** Reading the committed fixture tables under data/fnmatch. */
import { readFileSync } from "node:fs";

/** Parses a JSON fixture from data/fnmatch (strings hold bytes 0..255, one char each). */
function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../data/fnmatch/${name}`, import.meta.url), "utf8"));
}

/** A row of glibc.json. */
export interface GlibcRow {
  pattern: string;
  key: string;
  match: boolean;
}

/** A row of kmod.json. */
export interface KmodRow {
  alias: string;
  key: string;
  match: boolean;
}

export function isGlibcRow(row: unknown): row is GlibcRow {
  if (typeof row !== "object" || row === null) return false;
  const { pattern, key, match } = row as Record<string, unknown>;
  return typeof pattern === "string" && typeof key === "string" && typeof match === "boolean";
}

export function isKmodRow(row: unknown): row is KmodRow {
  if (typeof row !== "object" || row === null) return false;
  const { alias, key, match } = row as Record<string, unknown>;
  return typeof alias === "string" && typeof key === "string" && typeof match === "boolean";
}

/** The rows of a fixture, checked to have the expected shape. */
export function readRows<T>(name: string, isRow: (row: unknown) => row is T): T[] {
  const rows = readFixture(name);
  if (!Array.isArray(rows) || !rows.every(isRow)) throw new Error(`${name} is not a table of the expected rows`);
  return rows;
}
