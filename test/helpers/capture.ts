/**
 * An Output that keeps what a command printed, and the exit status it asked
 * for, for tests that drive the CLI's printing functions directly.
 */
import type { Output } from "../../src/cli/output.js";

/** The captured output. */
export interface Captured extends Output {
  stdout: string;
  stderr: string;
  status: number;
}

/** A fresh capture. */
export function captureOutput(): Captured {
  const c: Captured = {
    stdout: "",
    stderr: "",
    status: 0,
    line: (text) => void (c.stdout += `${text}\n`),
    json: (value) => void (c.stdout += `${JSON.stringify(value)}\n`),
    error: (subject, reason) => void (c.stderr += `modalias: ${subject === null ? "" : `${subject}: `}${reason}\n`),
    warning: (subject, text) => void (c.stderr += `modalias: ${subject}: warning: ${text}\n`),
    fail: (code) => void (c.status = Math.max(c.status, code)),
  };
  return c;
}
