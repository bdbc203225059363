/**
 * The per-account brake on guessing from many addresses. Each failure at an account within the
 * window beyond the first few makes the next attempt at it wait longer, up to a few seconds; and
 * attempts at one account are checked one after another, so that a thousand guesses sent at once
 * from a thousand addresses are a thousand waits, not one. Browsers that signed in to the account
 * before skip the brake (known-devices.ts), so its owner is never slowed or locked out by it.
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
  /** How long the next attempt at this account waits for its failures, in milliseconds. */
  delayFor(account: string): number;
  /** Waits for this attempt's turn: after the attempts at the account before it, and its delay. */
  wait(account: string): Promise<void>;
  failed(account: string): void;
}

/** Accounts remembered at once; guesses at made-up addresses must not fill the memory. */
const rememberedAccounts = 10_000;

/** A map that forgets its oldest entries beyond `rememberedAccounts` (a Map iterates in insertion order). */
function boundedSet<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > rememberedAccounts) map.delete(map.keys().next().value as string);
}

/** A brake with its own memory of failures (one per app: failures are not worth keeping across restarts). */
export function signInSlowdown(options: SlowdownOptions = defaultSlowdown, now: () => number = Date.now): SignInSlowdown {
  const failures = new Map<string, number[]>();
  // When the next attempt at each account may be checked at the earliest.
  const nextTurn = new Map<string, number>();
  // Failures beyond those that reach the longest wait change nothing, so no more are kept.
  const kept = options.free + Math.ceil(options.maxMs / options.stepMs);
  const recent = (account: string) => {
    const since = now() - options.windowMs;
    const times = (failures.get(account) ?? []).filter((at) => at > since);
    if (!times.length) failures.delete(account);
    return times;
  };
  const delayFor = (account: string) => Math.min(options.maxMs, Math.max(0, recent(account).length - options.free) * options.stepMs);
  return {
    delayFor,
    wait: (account) => {
      const delay = delayFor(account);
      const at = now();
      const turn = Math.max(at, nextTurn.get(account) ?? 0) + delay;
      if (turn > at) boundedSet(nextTurn, account, turn);
      else nextTurn.delete(account);
      return turn > at ? new Promise((resolve) => setTimeout(resolve, turn - at)) : Promise.resolve();
    },
    failed: (account) => boundedSet(failures, account, [...recent(account), now()].slice(-kept)),
  };
}
