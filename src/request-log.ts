import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

/**
 * One log line per request: method, path, status and time. No headers, so no cookies or tokens
 * ever reach the log, and nothing is serialised when the level would drop the line anyway.
 */
export function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const level = res.statusCode >= 500 ? 'error' : 'info';
      if (!logger.isLevelEnabled(level) || req.path === '/healthz' || req.path.startsWith('/static/')) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger[level]({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}
