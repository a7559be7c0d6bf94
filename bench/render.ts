/**
 * Re-render a finished run without measuring again: prints the markdown report
 * of bench/results/latest.json and rewrites bench/results/lookup-vs-size.svg.
 *
 *   node .bench/bench/render.js
 */
import { readFileSync, writeFileSync } from "node:fs";
import { sizeChart } from "./chart.js";
import { fullReport, RESULTS_DIR, type Results } from "./report.js";

const results = JSON.parse(readFileSync(`${RESULTS_DIR}latest.json`, "utf8")) as Results;
writeFileSync(`${RESULTS_DIR}lookup-vs-size.svg`, sizeChart(results));
process.stdout.write(fullReport(results));
