/**
 * The one logger: plain lines on stderr (stdout belongs to command output and, in `mcp` mode,
 * to the protocol). Level from ALCHEMIST_LOG_LEVEL (debug, info, warn, error, silent).
 */
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

function threshold(): number {
  const env = (process.env.ALCHEMIST_LOG_LEVEL ?? "warn").toLowerCase();
  return env in LEVELS ? LEVELS[env as LogLevel] : LEVELS.warn;
}

function write(level: LogLevel, message: string, fields?: Record<string, unknown>): void {
  if (LEVELS[level] < threshold()) return;
  const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : "";
  process.stderr.write(`[alchemist] ${level}: ${message}${extra}\n`);
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
