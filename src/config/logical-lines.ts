/**
 * Splitting a configuration file into logical lines as kmod's
 * `getline_wrapped` does.
 *
 * A backslash followed by a newline joins the next physical line; a
 * backslash followed by any other character is dropped and that character
 * kept as it is (so `\\` gives one backslash); a backslash as the file's last
 * byte becomes byte 0xFF (kmod stores the EOF it reads after it as a char).
 * A last line without a newline still counts, but a file that ends in an
 * escaped newline gives no empty line after it.
 */

/** One logical line and the number of its first physical line (1-based). */
export interface LogicalLine {
  text: string;
  line: number;
}

const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;
/** `(char)EOF`: what kmod appends for a backslash at the end of the file. */
const EOF_CHAR = "\xff";

export function logicalLines(text: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  let parts: string[] = [];
  let partStart = 0;
  let physical = 1;
  let first = 1;
  let pos = 0;
  while (pos < text.length) {
    const code = text.charCodeAt(pos);
    if (code === NEWLINE) {
      parts.push(text.slice(partStart, pos));
      lines.push({ text: parts.join(""), line: first });
      parts = [];
      physical++;
      first = physical;
      partStart = pos + 1;
    } else if (code === BACKSLASH) {
      parts.push(text.slice(partStart, pos));
      if (pos + 1 === text.length) {
        parts.push(EOF_CHAR);
        partStart = text.length;
      } else if (text.charCodeAt(pos + 1) === NEWLINE) {
        physical++;
        partStart = pos + 2;
      } else {
        partStart = pos + 1;
      }
      pos++;
    }
    pos++;
  }
  const last = parts.join("") + text.slice(partStart);
  if (last.length > 0) lines.push({ text: last, line: first });
  return lines;
}
