/**
 * Printing one device's result: a JSON line with --json, otherwise its text
 * lines on stdout and its warnings and error on stderr. A failed device raises
 * the exit status to 1.
 */
import { EXIT_DEVICE_FAILED, type Output } from "./output.js";

/** What every per-device result has in common. */
export interface DeviceResult {
  device: string;
  ok: boolean;
  warnings?: readonly string[];
}

/** Prints `result`; `lines` and `reason` give its text for success and failure. */
export function emit<R extends DeviceResult>(
  output: Output,
  json: boolean,
  result: R,
  lines: (r: R) => string[],
  reason: (r: R) => string,
): void {
  if (!result.ok) output.fail(EXIT_DEVICE_FAILED);
  if (json) {
    output.json(result);
    return;
  }
  for (const warning of result.warnings ?? []) output.warning(result.device, warning);
  if (result.ok) for (const line of lines(result)) output.line(line);
  else output.error(result.device, reason(result));
}
