import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { readCookie } from './cookies.js';

/**
 * Device cookies (OWASP's answer to lockout): a browser that signed in to an account gets a
 * signed cookie naming that account. Its attempts at that account skip the brakes every other
 * attempt at the account meets (the slowdown and the hourly ceiling), so that a flood of wrong
 * passwords from elsewhere never keeps the owner out of their own browser. Such a browser has a
 * small limit of its own instead (routes/auth.ts).
 */
export const DEVICE_COOKIE = 'zapisnik.device';

const YEAR_MS = 365 * 24 * 60 * 60_000;

export interface KnownDevices {
  /** The device's id when the request carries a valid device cookie for this account, else undefined. */
  deviceFor(req: Request, account: string): string | undefined;
  /** Marks the browser as known for this account (after a successful sign-in). */
  remember(res: Response, account: string): void;
}

export function knownDevices(secret: string, secure: boolean): KnownDevices {
  const signature = (device: string, account: string) => createHmac('sha256', secret).update(`device|${device}|${account}`).digest('base64url');
  return {
    deviceFor(req, account) {
      const [device, signed] = (readCookie(req, DEVICE_COOKIE) ?? '').split('.');
      if (!device || !signed || !account) return undefined;
      const expected = Buffer.from(signature(device, account));
      const given = Buffer.from(signed);
      return given.length === expected.length && timingSafeEqual(given, expected) ? device : undefined;
    },
    remember(res, account) {
      const device = randomBytes(16).toString('base64url');
      res.cookie(DEVICE_COOKIE, `${device}.${signature(device, account)}`, { httpOnly: true, sameSite: 'lax', secure, maxAge: YEAR_MS, path: '/login' });
    },
  };
}
