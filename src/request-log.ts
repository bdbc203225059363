import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

/**
 * One log line per request: method, route pattern, status and time. No headers and no paths, so no
 * cookies or link secrets ever reach the log, and nothing is serialised when the level drops the line.
 */
export function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const level = res.statusCode >= 500 ? 'error' : 'info';
      if (!logger.isLevelEnabled(level) || req.path === '/healthz' || req.path.startsWith('/static/')) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The route's pattern, not the path: /password/:token must never put a one-time secret in a log.
      const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : '(no route)';
      logger[level]({ method: req.method, route, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}
