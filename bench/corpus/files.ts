/**
 * The alias files every measurement uses, written to a scratch directory:
 *
 *   real    Debian 6.12's modules.alias with the vfio variant lines (the tests' file);
 *   debian  Debian 6.12's modules.alias as depmod wrote it (libkmod's file);
 *   100k, 300k, 1M
 *           synthetic files of that many alias lines grown from `real`
 *           (synthetic.ts, seed 1).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { combinedAliases, debianAliases } from "../../test/helpers/data.js";
import { syntheticAliases } from "./synthetic.js";

export const SYNTHETIC_SEED = 1;

export interface AliasFile {
  name: string;
  /** Alias lines in the file. */
  lines: number;
  text: Buffer;
  /** Where the text was written. */
  path: string;
}

const SIZES: readonly [string, number][] = [
  ["100k", 100_000],
  ["300k", 300_000],
  ["1M", 1_000_000],
];

const aliasLines = (text: Buffer): number =>
  text
    .toString("latin1")
    .split("\n")
    .filter((l) => l.startsWith("alias ")).length;

export function writeAliasFiles(dir: string): AliasFile[] {
  const real = combinedAliases();
  const sources: [string, Buffer][] = [
    ["real", real],
    ["debian", debianAliases()],
    ...SIZES.map(([name, lines]): [string, Buffer] => [name, syntheticAliases(real, lines, SYNTHETIC_SEED)]),
  ];
  return sources.map(([name, text]) => {
    const path = join(dir, `${name}.modules.alias`);
    writeFileSync(path, text);
    return { name, lines: aliasLines(text), text, path };
  });
}
