/**
 * A trie keyed on modalias fields, one level per field of a {@link Schema},
 * stored flat in typed arrays.
 *
 * Nodes are numbered level by level from the root (node 0), and a node's
 * children get consecutive numbers: first one per literal value (in
 * ascending value order), then the `*` child if any. The nodes below the
 * last field are the leaves, numbered from `firstLeaf`.
 *
 * Serialized form ({@link PackedTrie}): per inner node in number order its
 * `shape` = 2 x (literal children) + (1 if it has a `*` child); the literal
 * values of all those children in order; per leaf its entry count
 * (`leafSize`); the leaves' entry ids, each leaf sorted best first by
 * specificity; and `ties`: (leaf, entry) pairs naming, for leaves that have
 * one, the first entry with the leaf's best score but another module.
 *
 * In memory ({@link FlatTrie}) two prefix sums are added on load: each inner
 * node's first child and the start of its literal values, so a literal edge
 * is a binary search among the node's own sorted values and the `*` edge is
 * the node's last child.
 *
 * Match order: a key walks every path whose each step is either its own
 * value or `*`, so at most 2^fields leaves (128 for pci); a step searches at
 * most the values a field can take (32 comparisons for 8 hex digits): the
 * cost does not grow with the alias file.
 */
import { need, type UintArray } from "./columns.js";
import { ANY_VALUE, type KeyLayout, readHex, type Schema } from "./schema.js";

export interface PackedTrie {
  shape: UintArray;
  values: UintArray;
  leafSize: UintArray;
  ids: UintArray;
  ties: Uint32Array;
}

export interface FlatTrie extends PackedTrie {
  /** Number of fields (levels). */
  depth: number;
  /** Inner node n's literal values are values[valueStart[n] .. valueStart[n + 1]). */
  valueStart: Uint32Array;
  firstLeaf: number;
  /** Leaf i's entries are ids[start[i] .. start[i + 1]). */
  start: Uint32Array;
  /** Per leaf: the tie entry, or -1. */
  tie: Int32Array;
  /** The children of inner node n are the nodes firstChild[n] .. firstChild[n + 1] - 1. */
  firstChild: Uint32Array;
  /** Per inner node: the one leaf of its subtree when that subtree is a chain of `*` children, else -1. */
  tail: Int32Array;
}

/**
 * Rebuild the lookup tables of a packed trie with `depth` levels whose entry
 * ids are below `entries`; throws Malformed when the parts do not fit. It runs
 * once per lookup process, mostly before the JIT has compiled it: each loop
 * gathers its checks into one flag instead of a call per node.
 */
export function unpackTrie(packed: PackedTrie, depth: number, entries: number): FlatTrie {
  const { shape, values, leafSize, ids, ties } = packed;
  const inner = shape.length;
  need(inner > 0, "trie");
  let nodes = 1;
  for (let node = 0; node < inner; node++) {
    const s = shape[node] as number;
    nodes += (s >>> 1) + (s & 1);
  }
  need(nodes - inner === leafSize.length && nodes <= 0xffffffff, "trie shape");
  const firstChild = new Uint32Array(inner + 1);
  const valueStart = new Uint32Array(inner + 1);
  // Nodes are numbered level by level: when node reaches the end of its level,
  // `next` is the end of the level below. Inner nodes must all sit above
  // `depth`, and the leaves be exactly the level `depth`.
  let level = 0;
  let levelEnd = 1;
  let next = 1;
  let valueAt = 0;
  let placed = true;
  for (let node = 0; node < inner; node++) {
    if (node === levelEnd) {
      level++;
      levelEnd = next;
    }
    placed &&= node < next && level < depth;
    const s = shape[node] as number;
    firstChild[node] = next;
    valueStart[node] = valueAt;
    next += (s >>> 1) + (s & 1);
    valueAt += s >>> 1;
  }
  need(placed, "trie shape");
  need(valueAt === values.length, "trie values");
  // Each node's values ascend (a node's run ends where the next node's starts).
  let sorted = true;
  for (let node = 0; node < inner; node++) {
    const end = (node + 1 < inner ? valueStart[node + 1] : valueAt) as number;
    for (let at = (valueStart[node] as number) + 1; at < end; at++)
      sorted &&= (values[at - 1] as number) < (values[at] as number);
  }
  need(sorted, "trie values");
  need(level === depth - 1 && levelEnd === inner, "trie depth");
  firstChild[inner] = next;
  valueStart[inner] = valueAt;
  const start = new Uint32Array(leafSize.length + 1);
  let sized = true;
  for (let leaf = 0; leaf < leafSize.length; leaf++) {
    const size = leafSize[leaf] as number;
    sized &&= size > 0;
    start[leaf + 1] = (start[leaf] as number) + size;
  }
  need(sized, "trie leaf");
  need(start[leafSize.length] === ids.length, "trie leaf sizes");
  let maxId = 0;
  for (let i = 0; i < ids.length; i++) if ((ids[i] as number) > maxId) maxId = ids[i] as number;
  need(maxId < entries, "trie entry id");
  const tie = new Int32Array(leafSize.length).fill(-1);
  need(ties.length % 2 === 0, "trie ties");
  for (let i = 0; i < ties.length; i += 2) {
    const leaf = ties[i] as number;
    const entry = ties[i + 1] as number;
    need(leaf < leafSize.length && entry < entries, "trie ties");
    tie[leaf] = entry;
  }
  // Children are numbered after their parent, so one pass backwards sees each child's chain first.
  const tail = new Int32Array(inner).fill(-1);
  for (let node = inner - 1; node >= 0; node--) {
    if (shape[node] !== 1) continue;
    const child = firstChild[node] as number;
    tail[node] = child >= inner ? child - inner : (tail[child] as number);
  }
  return { ...packed, depth, valueStart, firstLeaf: inner, start, tie, firstChild, tail };
}

/** The child of inner node `node` for literal `value`, or 0. */
export function literalChild(trie: FlatTrie, node: number, value: number): number {
  const base = trie.valueStart[node] as number;
  let low = base;
  let high = (trie.valueStart[node + 1] as number) - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = trie.values[mid] as number;
    if (at === value) return (trie.firstChild[node] as number) + (mid - base);
    if (at < value) low = mid + 1;
    else high = mid - 1;
  }
  return 0;
}

/** The `*` child of inner node `node` (its last child), or 0. */
export function starChild(trie: FlatTrie, node: number): number {
  return (trie.shape[node] as number) & 1 ? (trie.firstChild[node + 1] as number) - 1 : 0;
}

/**
 * A walk of one trie for a key in its exact format, with its own scratch
 * space: depth first, each node's literal child before its `*` child, so
 * leaves are reached in path order (literal before `*`); a node whose whole
 * subtree is a chain of `*` children goes straight to its one leaf. A
 * field's value is read only where a node on the walk has literal children
 * (most aliases leave most fields `*`). No recursion, no allocation.
 */
export class TrieWalk {
  /** After {@link run}: the reached leaves' numbers and star masks (bit i = field i taken as `*`), `count` of them. */
  readonly leaves: Int32Array;
  readonly masks: Int32Array;
  count = 0;
  private readonly stackNode: Int32Array;
  private readonly stackLevel: Int32Array;
  private readonly stackMask: Int32Array;
  /** The key's field values read so far in this walk; -1 when not read. */
  private readonly values: Float64Array;

  constructor(depth: number) {
    const most = 2 ** depth;
    this.leaves = new Int32Array(most);
    this.masks = new Int32Array(most);
    // Each step pops one node and pushes at most two: the stack never holds more than depth + 1.
    this.stackNode = new Int32Array(depth + 1);
    this.stackLevel = new Int32Array(depth + 1);
    this.stackMask = new Int32Array(depth + 1);
    this.values = new Float64Array(depth);
  }

  /** Every leaf whose path matches a key that fits `layout`; returns how many. */
  run(trie: FlatTrie, layout: KeyLayout, key: string): number {
    const { leaves, masks, stackNode, stackLevel, stackMask, values } = this;
    const { depth, firstLeaf, tail } = trie;
    const allStars = (1 << depth) - 1;
    values.fill(-1);
    let count = 0;
    let top = 0;
    stackNode[0] = 0;
    stackLevel[0] = 0;
    stackMask[0] = 0;
    while (top >= 0) {
      const node = stackNode[top] as number;
      const level = stackLevel[top] as number;
      const mask = stackMask[top--] as number;
      if (level === depth) {
        leaves[count] = node - firstLeaf;
        masks[count++] = mask;
        continue;
      }
      const chain = tail[node] as number;
      if (chain >= 0) {
        leaves[count] = chain;
        masks[count++] = mask | (allStars & ~((1 << level) - 1));
        continue;
      }
      const star = starChild(trie, node);
      if (star !== 0) {
        stackNode[++top] = star;
        stackLevel[top] = level + 1;
        stackMask[top] = mask | (1 << level);
      }
      if ((trie.valueStart[node + 1] as number) > (trie.valueStart[node] as number)) {
        let value = values[level] as number;
        if (value < 0) value = values[level] = layout.value(key, level);
        const exact = literalChild(trie, node, value);
        if (exact !== 0) {
          stackNode[++top] = exact;
          stackLevel[top] = level + 1;
          stackMask[top] = mask;
        }
      }
    }
    this.count = count;
    return count;
  }
}

/**
 * The leaves whose patterns may match a key that has the trie's prefix but
 * is not in the bus's exact format. A pattern's text up to its first `*` is
 * anchored at the start of the key, so while the key's fields read as exact
 * values the walk follows their literal edges; every `*` edge on that path
 * may align anywhere, so its whole subtree is a candidate. Where a field does
 * not read (wrong tag, lowercase or short hex) no literal value can match
 * there and the walk stops. Leaves are visited by number.
 */
export function candidateLeaves(
  trie: FlatTrie,
  schema: Schema,
  prefix: string,
  key: string,
  visit: (leaf: number) => void,
): void {
  const subtree = (node: number): void => {
    if (node >= trie.firstLeaf) {
      visit(node - trie.firstLeaf);
      return;
    }
    const end = trie.firstChild[node + 1] as number;
    for (let child = trie.firstChild[node] as number; child < end; child++) subtree(child);
  };
  let node = 0;
  let at = prefix.length;
  for (const field of schema.fields) {
    const star = starChild(trie, node);
    if (star !== 0) subtree(star);
    const value = key.startsWith(field.tag, at) ? readHex(key, at + field.tag.length, field.width) : -1;
    if (value < 0) return;
    node = literalChild(trie, node, value);
    if (node === 0) return;
    at += field.tag.length + field.width;
  }
  visit(node - trie.firstLeaf);
}

/** More tag placements than this in one key, and {@link alignedLeaves} gives up (candidateLeaves then). */
const PLACEMENT_LIMIT = 1024;

/**
 * The leaves whose patterns may match a key that has the trie's prefix but
 * is not in the bus's exact format, visited by path (in candidateLeaves'
 * order: by the level where the path first takes `*`, then by number); false,
 * visiting nothing, when trying the placements of the tags takes more than
 * {@link PLACEMENT_LIMIT} steps (candidateLeaves then).
 *
 * Why placements suffice: a field-aligned pattern is the prefix, then each
 * field's tag followed by `*` or a literal value (uppercase hex digits), then
 * maybe a `*`. Its tags are its only lowercase letters and a `*` may absorb
 * anything, so fnmatch matches it exactly when the tags can be placed in the
 * key, in order and without overlap, the first right after the prefix, such
 * that each field's pattern matches the key's text between its tag and the
 * next (its segment): `*` any segment, a literal value only the segment that
 * is that value's hex text, or for the last field a segment starting with it
 * (a trailing `*`). For each placement the walk follows those edges; a key in
 * which the tags cannot be placed matches nothing here. The caller confirms
 * each leaf's patterns with fnmatch.
 */
export function alignedLeaves(
  trie: FlatTrie,
  schema: Schema,
  prefix: string,
  key: string,
  visit: (leaf: number) => void,
): boolean {
  const { fields } = schema;
  const last = fields.length - 1;
  const tagAt: number[] = new Array<number>(fields.length).fill(0);
  const values: number[] = new Array<number>(fields.length).fill(-1);
  /** First level where the leaf's path takes `*`, by leaf. */
  const reached = new Map<number, number>();
  const descend = (node: number, level: number, firstStar: number): void => {
    if (level === fields.length) {
      reached.set(node - trie.firstLeaf, firstStar);
      return;
    }
    const value = values[level] as number;
    const exact = value >= 0 ? literalChild(trie, node, value) : 0;
    if (exact !== 0) descend(exact, level + 1, firstStar);
    const star = starChild(trie, node);
    if (star !== 0) descend(star, level + 1, Math.min(firstStar, level));
  };
  /** The value a segment can be matched by as a literal, or -1 (then only `*`). */
  const segmentValue = (field: number, from: number, to: number): number => {
    const { width } = fields[field] as Schema["fields"][number];
    const fits = field === last ? to - from >= width : to - from === width;
    return fits ? readHex(key, from, width) : -1;
  };
  // Where each tag occurs, once; a placement then only picks among them.
  const occurrences = fields.map(({ tag }) => {
    const list: number[] = [];
    for (let at = key.indexOf(tag, prefix.length); at >= 0; at = key.indexOf(tag, at + 1)) list.push(at);
    return list;
  });
  let budget = PLACEMENT_LIMIT;
  // Place tag i at `at`, then the rest after it; false when over budget.
  const place = (i: number, at: number): boolean => {
    if (--budget < 0) return false;
    tagAt[i] = at;
    const end = at + (fields[i] as Schema["fields"][number]).tag.length;
    if (i > 0) values[i - 1] = segmentValue(i - 1, prevEnd(i), at);
    if (i === last) {
      values[i] = segmentValue(i, end, key.length);
      descend(0, 0, fields.length);
      return true;
    }
    const next = occurrences[i + 1] as number[];
    for (let k = firstAtOrAfter(next, end); k < next.length; k++) if (!place(i + 1, next[k] as number)) return false;
    return true;
  };
  const prevEnd = (i: number): number =>
    (tagAt[i - 1] as number) + (fields[i - 1] as Schema["fields"][number]).tag.length;
  const first = occurrences[0] as number[];
  if (first[0] === prefix.length && !place(0, prefix.length)) return false;
  const order = [...reached].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  for (const [leaf] of order) visit(leaf);
  return true;
}

/** The index of the first value in sorted `list` that is at least `at`. */
function firstAtOrAfter(list: readonly number[], at: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((list[mid] as number) < at) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The field path (value or ANY_VALUE per level) of one leaf, found by walking up from it: a
 * node's parent is the last inner node whose children start at or before it (every inner node
 * has a child), and its place among the parent's children tells its value.
 */
export function leafPath(trie: FlatTrie, leaf: number): number[] {
  const path = new Array<number>(trie.depth);
  let node = trie.firstLeaf + leaf;
  for (let level = trie.depth - 1; level >= 0; level--) {
    let low = 0;
    let high = trie.firstLeaf - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if ((trie.firstChild[mid] as number) <= node) low = mid;
      else high = mid - 1;
    }
    const rank = node - (trie.firstChild[low] as number);
    const base = trie.valueStart[low] as number;
    path[level] = rank < (trie.valueStart[low + 1] as number) - base ? (trie.values[base + rank] as number) : ANY_VALUE;
    node = low;
  }
  return path;
}

/** The field path (value or ANY_VALUE per level) of every leaf, by leaf number. */
export function leafPaths(trie: FlatTrie): number[][] {
  const paths: number[][] = [];
  const descend = (node: number, path: number[]): void => {
    if (node >= trie.firstLeaf) {
      paths[node - trie.firstLeaf] = path;
      return;
    }
    const first = trie.firstChild[node] as number;
    const base = trie.valueStart[node] as number;
    const literals = (trie.valueStart[node + 1] as number) - base;
    for (let i = 0; i < literals; i++) descend(first + i, [...path, trie.values[base + i] as number]);
    const star = starChild(trie, node);
    if (star !== 0) descend(star, [...path, ANY_VALUE]);
  };
  descend(0, []);
  return paths;
}
