/**
 * An open-addressing hash table from a pair of 32-bit keys to a nonzero
 * 32-bit value, stored in three typed arrays so that it serializes as bytes
 * and needs no work when loaded. Linear probing; the capacity is a power of
 * two at least twice the number of keys, so a probe ends at an empty slot.
 */

export interface PairTable {
  a: Uint32Array;
  b: Uint32Array;
  /** 0 marks an empty slot. */
  value: Uint32Array;
}

function slotOf(a: number, b: number, mask: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae3d);
  h ^= h >>> 13;
  return h & mask;
}

/**
 * Build a table from parallel columns: the pairs (a[i], b[i]) map to
 * value[i]; values must be nonzero, pairs distinct.
 */
export function buildPairTable(a: ArrayLike<number>, b: ArrayLike<number>, value: ArrayLike<number>): PairTable {
  const count = value.length;
  let capacity = 2;
  while (capacity < count * 2) capacity *= 2;
  const table: PairTable = { a: new Uint32Array(capacity), b: new Uint32Array(capacity), value: new Uint32Array(capacity) };
  const mask = capacity - 1;
  for (let i = 0; i < count; i++) {
    const ka = a[i] as number;
    const kb = b[i] as number;
    let slot = slotOf(ka, kb, mask);
    while (table.value[slot] !== 0) slot = (slot + 1) & mask;
    table.a[slot] = ka;
    table.b[slot] = kb;
    table.value[slot] = value[i] as number;
  }
  return table;
}

/** The value stored for (a, b), or 0. */
export function getPair(table: PairTable, a: number, b: number): number {
  const mask = table.value.length - 1;
  let slot = slotOf(a, b, mask);
  for (;;) {
    const value = table.value[slot] as number;
    if (value === 0) return 0;
    if (table.a[slot] === a && table.b[slot] === b) return value;
    slot = (slot + 1) & mask;
  }
}
