/**
 * The baseline: every alias line tested with the same matcher, then ranked
 * (the tests' LinearScan reference).
 */
import { LinearScan } from "../../test/helpers/linear.js";
import type { Contender } from "./contender.js";

export class Linear implements Contender {
  readonly name = "linear";
  private readonly scan: LinearScan;

  constructor(text: Buffer) {
    this.scan = new LinearScan(text);
  }

  lookup(modalias: string): string | null {
    return this.scan.matches(modalias)[0]?.module ?? null;
  }
}
