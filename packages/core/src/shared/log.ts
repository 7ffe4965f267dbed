import { AsyncLocalStorage } from "node:async_hooks";

/** The little logging Recap needs: one line per event, structured enough for CloudWatch. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const LEVELS = ["info", "warn", "error", "silent"] as const;

/** RECAP_LOG_LEVEL (info, warn, error, silent; default info), read at each line so tests and shells can set it. */
function enabled(level: (typeof LEVELS)[number]): boolean {
  const wanted = LEVELS.indexOf((process.env.RECAP_LOG_LEVEL?.trim().toLowerCase() || "info") as (typeof LEVELS)[number]);
  return LEVELS.indexOf(level) >= (wanted < 0 ? 0 : wanted);
}

export const consoleLogger: Logger = {
  info: (message, fields) => void (enabled("info") && console.log(format("info", message, fields))),
  warn: (message, fields) => void (enabled("warn") && console.warn(format("warn", message, fields))),
  error: (message, fields) => void (enabled("error") && console.error(format("error", message, fields))),
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

function format(level: string, message: string, fields?: Record<string, unknown>): string {
  return fields ? `[${level}] ${message} ${JSON.stringify(fields)}` : `[${level}] ${message}`;
}

/** The id that ties together every line one request, event or poll logs (see `withCorrelation`). */
const correlation = new AsyncLocalStorage<string>();

/** Runs `work` with `id` as the correlation id of every line logged meanwhile, however deep. */
export function withCorrelation<T>(id: string, work: () => T): T {
  return correlation.run(id, work);
}

/**
 * One JSON object per line — level, message, time, the correlation id, then the fields — for
 * CloudWatch Logs Insights. Written to stdout directly: Lambda's console adds a text prefix.
 */
export function jsonLogger(write: (line: string) => void = (line) => void process.stdout.write(`${line}\n`)): Logger {
  const line = (level: "info" | "warn" | "error") => (message: string, fields?: Record<string, unknown>) => {
    if (!enabled(level)) return;
    const correlationId = correlation.getStore();
    write(JSON.stringify({ ...fields, level, message, time: new Date().toISOString(), ...(correlationId ? { correlationId } : {}) }));
  };
  return { info: line("info"), warn: line("warn"), error: line("error") };
}

/** Keeps warnings and errors only: for commands that report progress their own way. */
export const quietLogger: Logger = { ...consoleLogger, info() {} };
