/** The little logging Recap needs: one line per event, structured enough for CloudWatch. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const consoleLogger: Logger = {
  info: (message, fields) => console.log(format("info", message, fields)),
  warn: (message, fields) => console.warn(format("warn", message, fields)),
  error: (message, fields) => console.error(format("error", message, fields)),
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

function format(level: string, message: string, fields?: Record<string, unknown>): string {
  return fields ? `[${level}] ${message} ${JSON.stringify(fields)}` : `[${level}] ${message}`;
}

/** Keeps warnings and errors only: for commands that report progress their own way. */
export const quietLogger: Logger = { ...consoleLogger, info() {} };
