/**
 * An open-addressing hash set over an array of distinct 32-bit keys: each
 * slot holds 1 + the position of a key in that array (0: empty), so the
 * table is one typed array, rebuilt from the keys on load. Linear probing;
 * the capacity is a power of two at least twice the number of keys, so a
 * probe ends at an empty slot.
 */

function slotOf(key: number, mask: number): number {
  let h = Math.imul(key, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae3d);
  h ^= h >>> 13;
  return h & mask;
}

/** The slots for `keys` (which must be distinct). */
export function buildKeyTable(keys: Uint32Array): Uint32Array {
  let capacity = 2;
  while (capacity < keys.length * 2) capacity *= 2;
  const slots = new Uint32Array(capacity);
  const mask = capacity - 1;
  keys.forEach((key, i) => {
    let slot = slotOf(key, mask);
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = i + 1;
  });
  return slots;
}

/** The position of `key` in `keys`, or -1. */
export function findKey(slots: Uint32Array, keys: Uint32Array, key: number): number {
  const mask = slots.length - 1;
  for (let slot = slotOf(key, mask); ; slot = (slot + 1) & mask) {
    const at = slots[slot] as number;
    if (at === 0) return -1;
    if (keys[at - 1] === key) return at - 1;
  }
}
