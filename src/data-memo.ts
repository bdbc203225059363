import { dataStamp } from './db/index.js';
import type { Db } from './db/index.js';

/**
 * Values worked out from the database and kept until anything in it changes (db/index.ts
 * dataStamp): who a signed-in account is and what it may do, how many open tasks a person has.
 * Asking costs one tiny query instead of the queries that work the value out.
 */
export interface DataMemo<T> {
  get(key: string, compute: () => T): T;
  /** Forgets one value (one that turned out wrong to keep, such as a failed promise). */
  forget(key: string): void;
}

export function dataMemo<T>(db: Db, maxEntries = 10_000): DataMemo<T> {
  const values = new Map<string, T>();
  let stamp = '';
  return {
    get(key, compute) {
      const now = dataStamp(db);
      if (now !== stamp || values.size >= maxEntries) {
        values.clear();
        stamp = now;
      }
      if (values.has(key)) return values.get(key) as T;
      const value = compute();
      // Worked out from what the stamp names: a write during compute (none is expected) is not kept.
      if (dataStamp(db) === stamp) values.set(key, value);
      return value;
    },
    forget(key) {
      values.delete(key);
    },
  };
}
