/** Routes the SDKs' own log lines to our stderr logger, key-redacted (they default to `console`). */
import { log } from "../../core/log.js";
import { redact } from "../redact.js";

type LogFn = (message: string, ...rest: unknown[]) => void;

export function sdkLogger(
  prefix: string,
  secrets: readonly (string | undefined)[],
): {
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
} {
  const line = (message: string, rest: unknown[]) =>
    redact(`${prefix}: ${message}${rest.length > 0 ? ` ${safeJson(rest)}` : ""}`, secrets);
  return {
    error: (m, ...r) => log.error(line(m, r)),
    warn: (m, ...r) => log.warn(line(m, r)),
    info: (m, ...r) => log.info(line(m, r)),
    debug: (m, ...r) => log.debug(line(m, r)),
  };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
