/**
 * The words of a configuration line, taken as kmod takes them with
 * `strtok_r(line, "\t ")`: separators are runs of spaces and tabs, and the
 * rest of a line (`strtok_r(NULL, "\0")`) starts just after the one separator
 * that ended the previous word.
 */

function isSeparator(char: string): boolean {
  return char === " " || char === "\t";
}

export class Tokens {
  private pos = 0;

  constructor(private readonly text: string) {}

  /** The next word, or null when only separators are left. */
  next(): string | null {
    let start = this.pos;
    while (start < this.text.length && isSeparator(this.text[start]!)) start++;
    if (start === this.text.length) {
      this.pos = start;
      return null;
    }
    let end = start;
    while (end < this.text.length && !isSeparator(this.text[end]!)) end++;
    this.pos = end < this.text.length ? end + 1 : end;
    return this.text.slice(start, end);
  }

  /** Everything after the last word's separator, or null when that is empty. */
  rest(): string | null {
    const rest = this.text.slice(this.pos);
    this.pos = this.text.length;
    return rest.length > 0 ? rest : null;
  }
}
