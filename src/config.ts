import path from 'node:path';
import { IANAZone } from 'luxon';

/** Everything the app reads from the environment, typed and frozen. */
export interface Config {
  readonly port: number;
  /** The address to listen on: every interface by default, or one (127.0.0.1 behind a reverse proxy on the same machine). */
  readonly host: string | undefined;
  readonly dataDir: string;
  /** The SQLite file inside dataDir: with the uploads, all there is to back up. */
  readonly databaseFile: string;
  readonly baseUrl: string;
  readonly timeZone: string;
  readonly logLevel: string;
  /** Keep anonymous readers' pages until the database changes (PAGE_CACHE=off to measure without). */
  readonly pageCache: boolean;
  readonly env: 'production' | 'development' | 'test';
  /** Signs session cookies; when unset, one is generated and kept in DATA_DIR (see sessions.ts). */
  readonly sessionSecret: string | undefined;
  /** A signed-in user who does nothing for this long is signed out. */
  readonly sessionIdleMinutes: number;
  /** Express "trust proxy" when a reverse proxy terminates HTTPS: a hop count, or addresses/names such as loopback. */
  readonly trustProxy: number | false | string;
  /** The largest file one upload may carry, in bytes (UPLOAD_MAX_MB, default 25). */
  readonly uploadMaxBytes: number;
  /** How many files one upload may carry (UPLOAD_MAX_FILES, default 20). */
  readonly uploadMaxFiles: number;
  /** Where attachments are kept (DATA_DIR/uploads): back it up together with the database. */
  readonly uploadsDir: string;
}

/** Raised when the environment holds a value the app cannot run with. */
export class ConfigError extends Error {}

/** Reads and validates process.env once; the only place that touches it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, got "${env.PORT}"`);
  }
  const host = env.HOST?.trim() || undefined;
  if (host !== undefined && !/^[A-Za-z0-9.:[\]-]+$/.test(host)) {
    throw new ConfigError(`HOST must be an address or a host name such as 127.0.0.1 or ::1, got "${env.HOST}"`);
  }
  // TZ is also what Node uses for its own clock; we only read it to know the default meeting zone.
  const timeZone = env.TZ || 'Europe/Prague';
  if (!IANAZone.isValidZone(timeZone)) {
    throw new ConfigError(`TZ must be an IANA time zone such as Europe/Prague, got "${timeZone}"`);
  }
  // `npm start` on a server sets nothing: that is production. `npm run dev` says development.
  const nodeEnv = env.NODE_ENV === 'development' || env.NODE_ENV === 'test' ? env.NODE_ENV : 'production';
  const baseUrl = (env.BASE_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    new URL(baseUrl);
  } catch {
    throw new ConfigError(`BASE_URL must be an absolute URL such as https://zapisnik.example.org, got "${env.BASE_URL}"`);
  }
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const sessionIdleMinutes = Number(env.SESSION_IDLE_MINUTES ?? 12 * 60);
  if (!Number.isInteger(sessionIdleMinutes) || sessionIdleMinutes < 5) {
    throw new ConfigError(`SESSION_IDLE_MINUTES must be a whole number of minutes, at least 5, got "${env.SESSION_IDLE_MINUTES}"`);
  }
  if (env.SESSION_SECRET !== undefined && env.SESSION_SECRET.length < 32) {
    throw new ConfigError('SESSION_SECRET must be at least 32 characters long (or leave it unset to have one generated)');
  }
  // Express reads a string as a list of addresses, so "1" must become the number of hops it means.
  const proxy = (env.TRUST_PROXY ?? '').trim().toLowerCase();
  if (proxy === 'true') {
    // "Trust everything" would take the client address from a header anyone can forge.
    throw new ConfigError('TRUST_PROXY=true would let clients forge their address; give the number of proxies (e.g. 1) or their addresses (e.g. loopback)');
  }
  const trustProxy = ['', 'false', 'no', 'off'].includes(proxy) ? false : /^\d+$/.test(proxy) ? Number(proxy) : proxy;
  // Megabytes as people say them (1 MB = 1024 × 1024 bytes); a fraction such as 0.5 is fine.
  const uploadMaxMb = Number(env.UPLOAD_MAX_MB || 25);
  if (!Number.isFinite(uploadMaxMb) || uploadMaxMb <= 0 || uploadMaxMb > 1024) {
    throw new ConfigError(`UPLOAD_MAX_MB must be a number of megabytes above 0 and at most 1024, got "${env.UPLOAD_MAX_MB}"`);
  }
  const uploadMaxFiles = Number(env.UPLOAD_MAX_FILES || 20);
  if (!Number.isInteger(uploadMaxFiles) || uploadMaxFiles < 1 || uploadMaxFiles > 100) {
    throw new ConfigError(`UPLOAD_MAX_FILES must be a whole number from 1 to 100, got "${env.UPLOAD_MAX_FILES}"`);
  }
  return Object.freeze({
    port,
    host,
    dataDir,
    databaseFile: path.join(dataDir, 'zapisnik.sqlite'),
    baseUrl,
    timeZone,
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    // Off while developing: a changed template is not a database change, so kept pages would lie.
    pageCache: !['off', '0', 'false', 'no'].includes((env.PAGE_CACHE ?? (nodeEnv === 'development' ? 'off' : 'on')).toLowerCase()),
    env: nodeEnv,
    sessionSecret: env.SESSION_SECRET,
    sessionIdleMinutes,
    trustProxy,
    uploadMaxBytes: Math.floor(uploadMaxMb * 1024 * 1024),
    uploadMaxFiles,
    uploadsDir: path.join(dataDir, 'uploads'),
  });
}
