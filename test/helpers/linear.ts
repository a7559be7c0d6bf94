/**
 * The reference answer: a plain scan of every alias line, ranked by the documented rule. Shares
 * nothing with the index but the parser and the fnmatch module.
 *
 * Each line is matched as libkmod matches the patterns of its binary index (README "Match
 * rules" 2): the text before the first `*`, `?` or `[` byte for byte, fnmatch from there on.
 * A key holding one of those bytes may also walk libkmod's trie through it as a plain byte;
 * for such keys the lines are found by a radix trie built and walked as depmod and libkmod do
 * (index_insert, index_searchwild), written here from their C code.
 */

import { analyzePattern, type CompiledPattern, compilePattern, matchPattern } from "../../src/kmod/fnmatch.js";
import { InvalidKeyError, toKey } from "../../src/kmod/normalize.js";
import { type AliasLine, parseAliases } from "../../src/parse/aliases.js";

interface Line extends AliasLine {
  /** The text before the first wildcard, and the rest compiled. */
  head: string;
  tail: CompiledPattern;
  stars: number;
  literals: number;
}

const WILDCARD = /[*?[]/;

export class LinearScan {
  private readonly lines: Line[];
  private readonly firstLine = new Map<string, number>();
  private trie: TrieNode | undefined;

  constructor(text: Buffer) {
    this.lines = parseAliases(text.toString("latin1")).aliases.map((a) => {
      const stop = a.normalized.search(WILDCARD);
      const head = stop < 0 ? a.normalized : a.normalized.slice(0, stop);
      const rest = a.normalized.slice(head.length);
      const facts = analyzePattern(rest);
      if (!this.firstLine.has(a.module)) this.firstLine.set(a.module, a.line);
      return { ...a, head, tail: compilePattern(rest), stars: facts.stars, literals: head.length + facts.literals };
    });
  }

  /** Every matching line, best first. */
  matches(modalias: string): Line[] {
    const key = toKey(modalias);
    const found = WILDCARD.test(key)
      ? this.trieWalk(key)
      : this.lines.filter((l) => key.startsWith(l.head) && matchPattern(l.tail, key.slice(l.head.length)));
    const sorted = found.sort((a, b) => a.stars - b.stars || b.literals - a.literals || a.line - b.line);
    // libkmod names each module found by `module\key` in a 4096-byte buffer, and fails when one does not fit.
    const long = sorted.find((l) => key.length + l.module.length + 2 > 4096);
    if (long !== undefined)
      throw new InvalidKeyError(key, `too long to look up with module ${long.module} (kmod fails with ENAMETOOLONG)`);
    return sorted;
  }

  /** Modules of `matches` once each, in kmod's order (first alias line of the module). */
  modules(matches: readonly AliasLine[]): string[] {
    const modules = [...new Set(matches.map((l) => l.module))];
    return modules.sort((a, b) => (this.firstLine.get(a) as number) - (this.firstLine.get(b) as number));
  }

  private trieWalk(key: string): Line[] {
    if (this.trie === undefined) {
      this.trie = newNode("");
      for (const line of this.lines) insert(this.trie, line.normalized, line);
    }
    const found = new Set<Line>();
    searchNode(this.trie, key, 0, found);
    return [...found];
  }
}

interface TrieNode {
  prefix: string;
  children: Map<string, TrieNode>;
  values: Line[];
}

const newNode = (prefix: string): TrieNode => ({ prefix, children: new Map(), values: [] });

/** depmod's index_insert: split a node where the key leaves its prefix. */
function insert(root: TrieNode, key: string, value: Line): void {
  let node = root;
  let i = 0;
  for (;;) {
    let j = 0;
    for (; j < node.prefix.length; j++) {
      if (node.prefix.charAt(j) !== key.charAt(i + j)) {
        const child: TrieNode = { prefix: node.prefix.slice(j + 1), children: node.children, values: node.values };
        node.children = new Map([[node.prefix.charAt(j), child]]);
        node.values = [];
        node.prefix = node.prefix.slice(0, j);
        break;
      }
    }
    i += j;
    if (i === key.length) {
      node.values.push(value);
      return;
    }
    const ch = key.charAt(i);
    const next = node.children.get(ch);
    if (next === undefined) {
      const child = newNode(key.slice(i + 1));
      child.values.push(value);
      node.children.set(ch, child);
      return;
    }
    node = next;
    i++;
  }
}

/** libkmod's index_searchwild__node. */
function searchNode(start: TrieNode, key: string, from: number, found: Set<Line>): void {
  let node: TrieNode | undefined = start;
  let i = from;
  while (node !== undefined) {
    for (let j = 0; j < node.prefix.length; j++) {
      const ch = node.prefix.charAt(j);
      if (WILDCARD.test(ch)) {
        searchAll(node, j, "", key.slice(i + j), found);
        return;
      }
      if (ch !== key.charAt(i + j)) return;
    }
    i += node.prefix.length;
    for (const wildcard of ["*", "?", "["]) {
      const child = node.children.get(wildcard);
      if (child !== undefined) searchAll(child, 0, wildcard, key.slice(i), found);
    }
    if (i === key.length) {
      for (const value of node.values) found.add(value);
      return;
    }
    node = node.children.get(key.charAt(i));
    i++;
  }
}

/** libkmod's index_searchwild__all: fnmatch every pattern of the subtree, from `buffer` on, against `rest`. */
function searchAll(node: TrieNode, j: number, buffer: string, rest: string, found: Set<Line>): void {
  const text = buffer + node.prefix.slice(j);
  for (const [ch, child] of node.children) searchAll(child, 0, text + ch, rest, found);
  if (node.values.length > 0 && matchPattern(compilePattern(text), rest))
    for (const value of node.values) found.add(value);
}
