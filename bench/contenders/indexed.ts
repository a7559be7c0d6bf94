/**
 * The library: AliasLookup.best on an index decoded from its file bytes, as
 * a loaded index file is.
 */
import { decodeIndex } from "../../src/index/format.js";
import { AliasLookup } from "../../src/lookup/lookup.js";
import type { Contender } from "./contender.js";

export class Indexed implements Contender {
  readonly name = "indexed";
  private readonly engine: AliasLookup;

  constructor(indexBytes: Uint8Array) {
    this.engine = new AliasLookup(decodeIndex(indexBytes));
  }

  lookup(modalias: string): string | null {
    return this.engine.best(modalias).best?.module ?? null;
  }
}
