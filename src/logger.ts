import { pino } from 'pino';
import type { DestinationStream, Logger, LoggerOptions } from 'pino';
import type { Config } from './config.js';

/**
 * An error as a log line holds it: its kind, message, code and stack, nothing else. Errors carry
 * what they were given (a body parser's error holds the raw body, a password perhaps): none of it
 * may reach the log.
 */
function errorOnly(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error).slice(0, 200) };
  const { code, status } = error as Error & { code?: unknown; status?: unknown };
  return { type: error.name, message: error.message.slice(0, 500), code, status, stack: error.stack };
}

/** The app's logger: JSON lines on stdout, quiet in tests; `destination` for tests that read what it wrote. */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: config.logLevel,
    serializers: { err: errorOnly },
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.body'],
  };
  return destination ? pino(options, destination) : pino(options);
}
