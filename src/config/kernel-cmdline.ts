/**
 * The modules that `modprobe.blacklist=` parameters on the kernel command
 * line blacklist, found as kmod 30 finds them.
 *
 * kmod reads at most the first 4095 bytes of /proc/cmdline, up to the first
 * NUL, and splits it into parameters at blanks (space, tab, newline, vertical
 * tab, form feed, carriage return) outside double quotes. A parameter
 * `MODULE.PARAM=VALUE` counts when MODULE is exactly `modprobe` and PARAM
 * exactly `blacklist`; VALUE is split at every `,` and each name is kept as
 * written (no `-` to `_`, quotes and empty names included).
 *
 * Quotes: a value may contain quoted blanks (`modprobe.blacklist=a"b c"`
 * keeps the quotes). A parameter may be quoted as a whole
 * (`"modprobe.blacklist=a"`, as boot loaders pass it); kmod then moves the
 * opening quote to the start of the value, which gives `"a"`. A quote
 * anywhere else before the value, a second `.` before the `=`, an `=` before
 * any `.`, or a value whose quote is never closed spoils the parameter.
 */

/** kmod's buffer for the command line, including its terminating NUL. */
const KCMD_LINE_SIZE = 4096;
const BLANKS = " \t\n\v\f\r";

type State = "module" | "param" | "value" | "spoiled";

export function parseKernelCmdline(text: string): string[] {
  const read = text.slice(0, KCMD_LINE_SIZE - 1);
  const nul = read.indexOf("\0");
  const cmdline = nul < 0 ? read : read.slice(0, nul);
  const blacklist: string[] = [];
  let state: State = "module";
  let quoted = false;
  let wholeQuoted = false;
  let start = 0;
  let dot = 0;
  let equals = 0;
  for (let pos = 0; pos <= cmdline.length; pos++) {
    const char = pos < cmdline.length ? cmdline[pos]! : "";
    if (char === '"') {
      quoted = !quoted;
      if (quoted && state === "module" && pos === start) {
        wholeQuoted = true;
        start = pos + 1;
      } else if (state !== "value") {
        state = "spoiled";
      }
    } else if (char === "" || BLANKS.includes(char)) {
      if (quoted) {
        if (state !== "value") state = "spoiled";
        continue;
      }
      if (state === "value" && cmdline.slice(start, dot) === "modprobe" && cmdline.slice(dot + 1, equals) === "blacklist") {
        const value = cmdline.slice(equals + 1, pos);
        blacklist.push(...(wholeQuoted ? `"${value}` : value).split(","));
      }
      state = "module";
      wholeQuoted = false;
      start = pos + 1;
    } else if (char === ".") {
      if (state === "module") {
        dot = pos;
        state = "param";
      } else if (state === "param") {
        state = "spoiled";
      }
    } else if (char === "=") {
      if (state === "param") {
        equals = pos;
        state = "value";
      } else if (state === "module") {
        state = "spoiled";
      }
    }
  }
  return blacklist;
}
