/**
 * The error a decoder raises when serialized index data is not what this
 * version writes; format.ts turns it into a refusal of the whole file.
 */
export class Malformed extends Error {}

/** Throw {@link Malformed} naming `what` unless `condition` holds. */
export function need(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Malformed(`${what} is malformed`);
}
