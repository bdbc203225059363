import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the OWASP minimum (19 MiB, 2 passes, ≈65 ms here). Tests use a tiny cost so each
 * test can sign in; verify() reads the parameters from the stored hash, so either kind verifies.
 */
const standard = { memoryCost: 19456, timeCost: 2, parallelism: 1 };
const forTests = { memoryCost: 256, timeCost: 1, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 10;

/** Hashes a new password. */
export function hashPassword(password: string, env: 'production' | 'development' | 'test'): Promise<string> {
  return hash(password, env === 'test' ? forTests : standard);
}

// Verified against when the e-mail is unknown, so that a wrong address costs as long as a wrong password.
const decoy = hash('decoy password that matches nothing', standard);

/** True when the password matches the stored hash; takes as long when there is no hash. */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}

/** A fresh secret for a one-time link (256 bits, URL-safe) and the hash the database keeps. */
export function newLinkSecret(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashLinkSecret(token) };
}

/** The stored form of a link's secret: looking it up by hash needs no timing-safe comparison. */
export function hashLinkSecret(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
