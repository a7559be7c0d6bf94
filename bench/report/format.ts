/**
 * Number formatting for the tables.
 */

/** Three significant digits, thousands separated (1.23, 12.3, 123, 1,234). */
export function sig(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString("en-US");
  const digits = Math.max(0, 2 - Math.floor(Math.log10(abs)));
  return value.toFixed(Math.min(digits, 3));
}

/** A ratio as `12.3x`. */
export const times = (value: number): string => `${sig(value)}x`;

/** Bytes in KiB or MiB. */
export function bytes(value: number): string {
  if (value >= 2 ** 20) return `${sig(value / 2 ** 20)} MiB`;
  return `${sig(value / 1024)} KiB`;
}

/** A markdown table. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}
