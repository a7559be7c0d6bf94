/**
 * What every contender offers the latency runs: one lookup of one modalias.
 */

export interface Contender {
  /** Row label. */
  readonly name: string;
  /** Look a modalias up; the result only keeps the work from being optimized away. */
  lookup(modalias: string): unknown;
}
