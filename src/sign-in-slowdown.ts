/**
 * The per-account brake on guessing. Every address has its own limits (routes/auth.ts: five
 * failures per account and address, thirty per address, in 15 minutes). Across addresses, an
 * account's failures of the last hour slow every further attempt at it, more and more, up to a few
 * seconds — but never refuse it: the right password from a new address always gets in, so nobody
 * can lock a colleague out by typing wrong passwords for them from many places.
 */
export interface SlowdownOptions {
  /** Failures within the window that cost nothing. */
  free: number;
  /** What each failure beyond those adds to the wait. */
  stepMs: number;
  /** The longest wait. */
  maxMs: number;
  windowMs: number;
}

export const defaultSlowdown: SlowdownOptions = { free: 10, stepMs: 100, maxMs: 3000, windowMs: 60 * 60_000 };

export interface SignInSlowdown {
  /** How long an attempt at this account waits now, in milliseconds. */
  delayFor(account: string): number;
  /** Waits that long. */
  wait(account: string): Promise<void>;
  failed(account: string): void;
  succeeded(account: string): void;
}

/** Accounts remembered at once; guesses at made-up addresses must not fill the memory. */
const rememberedAccounts = 10_000;

/** A brake with its own memory of failures (one per app: failures are not worth keeping across restarts). */
export function signInSlowdown(options: SlowdownOptions = defaultSlowdown, now: () => number = Date.now): SignInSlowdown {
  const failures = new Map<string, number[]>();
  // Failures beyond those that reach the longest wait change nothing, so no more are kept.
  const kept = options.free + Math.ceil(options.maxMs / options.stepMs);
  const recent = (account: string) => {
    const since = now() - options.windowMs;
    const times = (failures.get(account) ?? []).filter((at) => at > since);
    if (!times.length) failures.delete(account);
    return times;
  };
  const remember = (account: string, times: number[]) => {
    failures.delete(account);
    failures.set(account, times.slice(-kept));
    // A Map iterates in insertion order: the first key is the account failed at longest ago.
    if (failures.size > rememberedAccounts) failures.delete(failures.keys().next().value as string);
  };
  const delayFor = (account: string) => Math.min(options.maxMs, Math.max(0, recent(account).length - options.free) * options.stepMs);
  return {
    delayFor,
    wait: (account) => {
      const ms = delayFor(account);
      return ms ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
    },
    failed: (account) => remember(account, [...recent(account), now()]),
    succeeded: (account) => void failures.delete(account),
  };
}
