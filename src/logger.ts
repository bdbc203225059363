import { pino } from 'pino';
import type { Logger } from 'pino';
import type { Config } from './config.js';

/** The app's logger: JSON lines on stdout, quiet in tests. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'] });
}
