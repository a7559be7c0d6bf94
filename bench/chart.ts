/**
 * bench/results/lookup-vs-size.svg: median lookup latency against the alias
 * file's size, for indexed, linear and libkmod, on two query sets (solid and
 * dashed lines), on log scales, drawn by hand (no plotting library).
 *
 * The size chart of a run: the mixed set (every kind of key) and the pci set
 * (well-formed device keys), captioned with the machine and date. Indexed
 * and linear are drawn on the real file and the synthetic ones, libkmod on
 * Debian's file (its own modules.alias.bin) and the synthetic ones.
 */
import type { LatencyRow } from "./measure.js";
import type { Results } from "./report.js";

const W = 720;
const H = 460;
const M = { left: 80, right: 230, top: 50, bottom: 60 };
const SERIES: readonly { contender: string; color: string; label: string }[] = [
  { contender: "indexed", color: "#1b7837", label: "indexed (modalias)" },
  { contender: "libkmod", color: "#2166ac", label: "libkmod (modprobe)" },
  { contender: "linear", color: "#b2182b", label: "linear fnmatch scan" },
];

const esc = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

function superscript(power: number): string {
  if (power === 0) return "1";
  return `10<tspan dy="-6" font-size="10">${power}</tspan>`;
}

const DASHES = ["", "6 4"];

export function lookupVsSizeSvg(rows: readonly LatencyRow[], sets: readonly [string, string], caption: string): string {
  const points = sets
    .flatMap((set, k) =>
      SERIES.map((s) => ({
        ...s,
        label: `${s.label}, ${set}`,
        dash: DASHES[k] as string,
        points: rows
          .filter((r) => r.contender === s.contender && r.set === set)
          .map((r) => [r.lines, r.medianUs] as const)
          .sort((a, b) => a[0] - b[0]),
      })),
    )
    .filter((s) => s.points.length > 0);
  const xs = points.flatMap((s) => s.points.map((p) => p[0]));
  const ys = points.flatMap((s) => s.points.map((p) => p[1]));
  const x0 = Math.floor(Math.log10(Math.min(...xs)));
  const x1 = Math.ceil(Math.log10(Math.max(...xs)));
  const y0 = Math.floor(Math.log10(Math.min(...ys)));
  const y1 = Math.ceil(Math.log10(Math.max(...ys)));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const px = (v: number): number => M.left + ((Math.log10(v) - x0) / (x1 - x0)) * plotW;
  const py = (v: number): number => M.top + plotH - ((Math.log10(v) - y0) / (y1 - y0)) * plotH;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${M.left}" y="22" font-size="15" font-weight="bold">Median lookup latency vs alias file size (${esc(sets.join(" and "))} queries)</text>`,
    `<text x="${M.left}" y="40" fill="#555">${esc(caption)}</text>`,
  ];
  for (let p = x0; p <= x1; p++) {
    const x = px(10 ** p);
    out.push(`<line x1="${x}" y1="${M.top}" x2="${x}" y2="${M.top + plotH}" stroke="#ddd"/>`);
    out.push(`<text x="${x}" y="${M.top + plotH + 18}" text-anchor="middle">${superscript(p)}</text>`);
  }
  for (let p = y0; p <= y1; p++) {
    const y = py(10 ** p);
    out.push(`<line x1="${M.left}" y1="${y}" x2="${M.left + plotW}" y2="${y}" stroke="#ddd"/>`);
    out.push(`<text x="${M.left - 8}" y="${y + 4}" text-anchor="end">${superscript(p)}</text>`);
  }
  out.push(`<rect x="${M.left}" y="${M.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`);
  out.push(
    `<text x="${M.left + plotW / 2}" y="${H - 18}" text-anchor="middle">alias lines in modules.alias (log scale)</text>`,
  );
  out.push(
    `<text transform="translate(22 ${M.top + plotH / 2}) rotate(-90)" text-anchor="middle">median latency per lookup, microseconds (log scale)</text>`,
  );
  points.forEach((s, i) => {
    const path = s.points.map(([x, y], k) => `${k === 0 ? "M" : "L"}${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(" ");
    out.push(`<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}"/>`);
    for (const [x, y] of s.points)
      out.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="4" fill="${s.color}"/>`);
    const ly = M.top + 20 + i * 22;
    const lx = M.left + plotW + 16;
    out.push(
      `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 24}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}"/>`,
    );
    out.push(`<circle cx="${lx + 12}" cy="${ly - 4}" r="4" fill="${s.color}"/>`);
    out.push(`<text x="${lx + 30}" y="${ly}">${esc(s.label)}</text>`);
  });
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}

export function sizeChart(r: Results): string {
  const caption = `${r.machine.cpu} (${r.machine.nproc} cores), node ${r.machine.node}, ${r.date.slice(0, 10)}; libkmod on Debian's file at the left`;
  const rows = r.latency.filter((row) => (row.contender === "libkmod" ? row.file !== "real" : row.file !== "debian"));
  return lookupVsSizeSvg(rows, ["mixed", "pci"], caption);
}
