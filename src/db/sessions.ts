import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import session from 'express-session';
import type { SessionData } from 'express-session';

/**
 * Sessions live in their own SQLite file (DATA_DIR/sessions.sqlite): they are written on every
 * signed-in request, and keeping those writes out of the main database keeps its change counter
 * (which the page cache watches) and its backups about the record itself. Losing the file only
 * signs everyone out.
 */
export function openSessionDb(file: string): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec('CREATE TABLE IF NOT EXISTS sessions (sid TEXT PRIMARY KEY, expires_at INTEGER NOT NULL, data TEXT NOT NULL) WITHOUT ROWID');
  db.exec('CREATE INDEX IF NOT EXISTS sessions_expires ON sessions (expires_at)');
  return db;
}

/** An express-session store on that file; expired sessions are swept every few minutes. */
export class SqliteSessionStore extends session.Store {
  private readonly statements;
  private readonly sweeper: NodeJS.Timeout;
  /** The stored expiry of each session being served (from get to touch). */
  private readonly storedExpiry = new Map<string, number>();

  constructor(
    db: Database.Database,
    private readonly idleMs: number,
  ) {
    super();
    this.statements = {
      get: db.prepare('SELECT data, expires_at AS expiresAt FROM sessions WHERE sid = ? AND expires_at > ?'),
      set: db.prepare('INSERT INTO sessions (sid, expires_at, data) VALUES (?, ?, ?) ON CONFLICT (sid) DO UPDATE SET expires_at = excluded.expires_at, data = excluded.data'),
      touch: db.prepare('UPDATE sessions SET expires_at = ? WHERE sid = ?'),
      destroy: db.prepare('DELETE FROM sessions WHERE sid = ?'),
      sweep: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    };
    // unref: a pending sweep must never keep the process (or a test run) alive.
    this.sweeper = setInterval(() => this.statements.sweep.run(Date.now()), 5 * 60_000).unref();
  }

  private expiry(data: SessionData): number {
    return data.cookie?.expires ? new Date(data.cookie.expires).getTime() : Date.now() + this.idleMs;
  }

  override get(sid: string, done: (error: unknown, data?: SessionData | null) => void): void {
    try {
      const row = this.statements.get.get(sid, Date.now()) as { data: string; expiresAt: number } | undefined;
      // Forgotten at touch or save; a request that does neither (it failed) must not let it grow.
      if (this.storedExpiry.size > 10_000) this.storedExpiry.clear();
      if (row) this.storedExpiry.set(sid, row.expiresAt);
      done(null, row ? (JSON.parse(row.data) as SessionData) : null);
    } catch (error) {
      done(error);
    }
  }

  override set(sid: string, data: SessionData, done?: (error?: unknown) => void): void {
    this.storedExpiry.delete(sid);
    try {
      this.statements.set.run(sid, this.expiry(data), JSON.stringify(data));
      done?.();
    } catch (error) {
      done?.(error);
    }
  }

  /**
   * Pushes the idle expiry on. Every signed-in request touches its session: writing each time cost
   * a disk write per page, so the stored expiry moves only once it lags a sixtieth of the idle
   * time behind (8 minutes of 8 hours); a session may end that much before its cookie says.
   */
  override touch(sid: string, data: SessionData, done?: () => void): void {
    const expiry = this.expiry(data);
    const stored = this.storedExpiry.get(sid);
    this.storedExpiry.delete(sid);
    if (stored === undefined || expiry - stored >= this.idleMs / 60) this.statements.touch.run(expiry, sid);
    done?.();
  }

  override destroy(sid: string, done?: (error?: unknown) => void): void {
    this.storedExpiry.delete(sid);
    try {
      this.statements.destroy.run(sid);
      done?.();
    } catch (error) {
      done?.(error);
    }
  }

  /** Stops the sweeper (when the app shuts down). */
  close(): void {
    clearInterval(this.sweeper);
  }
}
