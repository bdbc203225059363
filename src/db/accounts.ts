import { sql } from './index.js';
import type { Db } from './index.js';
import { memberOnSql } from './memberships.js';
import type { Role } from './memberships.js';
import { sortBySurname } from '../zapis/czech-names.js';

export interface Account {
  id: number;
  personId: number;
  email: string;
  isAdmin: boolean;
  active: boolean;
  hasPassword: boolean;
  lastLoginAt: string | null;
  /** Sessions signed in before this instant are void (see auth.loadViewer). */
  sessionsValidAfter: string | null;
  version: number;
  name: string;
  title: string;
}

/** What sign-in needs: never shown, never logged. */
export interface Credentials {
  id: number;
  passwordHash: string | null;
  active: boolean;
}

type Stored = Omit<Account, 'isAdmin' | 'active' | 'hasPassword'> & { isAdmin: number; active: number; hasPassword: number };

const columns = `a.id, a.person_id AS personId, a.email, a.is_admin AS isAdmin, a.active, a.password_hash IS NOT NULL AS hasPassword,
  a.last_login_at AS lastLoginAt, a.sessions_valid_after AS sessionsValidAfter, a.version, p.name, p.title`;
const from = 'accounts a JOIN people p ON p.id = a.person_id';
const toAccount = (row: Stored): Account => ({ ...row, isAdmin: row.isAdmin === 1, active: row.active === 1, hasPassword: row.hasPassword === 1 });

/** True once the first account exists (until then every page leads to /setup). */
export function accountsExist(db: Db): boolean {
  return sql(db, 'SELECT 1 FROM accounts LIMIT 1').get() !== undefined;
}

/** All accounts, by surname (Czech order). */
export function listAccounts(db: Db): Account[] {
  return sortBySurname((sql(db, `SELECT ${columns} FROM ${from} ORDER BY a.id`).all() as Stored[]).map(toAccount), (account) => account.name);
}

export function findAccount(db: Db, id: number): Account | undefined {
  const row = sql(db, `SELECT ${columns} FROM ${from} WHERE a.id = ?`).get(id) as Stored | undefined;
  return row && toAccount(row);
}

/** The account a person has, if any. */
export function findAccountOfPerson(db: Db, personId: number): Account | undefined {
  const row = sql(db, `SELECT ${columns} FROM ${from} WHERE a.person_id = ?`).get(personId) as Stored | undefined;
  return row && toAccount(row);
}

/** The stored hash for an e-mail address (case-insensitive), for signing in. */
export function findCredentials(db: Db, email: string): Credentials | undefined {
  const row = sql(db, 'SELECT id, password_hash AS passwordHash, active FROM accounts WHERE email = ? COLLATE NOCASE').get(email) as
    | { id: number; passwordHash: string | null; active: number }
    | undefined;
  return row && { ...row, active: row.active === 1 };
}

/** The stored hash of one account, for checking the current password before a change. */
export function findPasswordHash(db: Db, id: number): string | null {
  return (sql(db, 'SELECT password_hash AS passwordHash FROM accounts WHERE id = ?').get(id) as { passwordHash: string | null } | undefined)?.passwordHash ?? null;
}

export function emailTaken(db: Db, email: string, exceptId = 0): boolean {
  return sql(db, 'SELECT 1 FROM accounts WHERE email = ? COLLATE NOCASE AND id <> ?').get(email, exceptId) !== undefined;
}

export interface AccountInput {
  personId: number;
  email: string;
  isAdmin: boolean;
  passwordHash: string | null;
}

export function insertAccount(db: Db, input: AccountInput, now: string): number {
  return Number(
    sql(db, 'INSERT INTO accounts (person_id, email, is_admin, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      input.personId,
      input.email,
      input.isAdmin ? 1 : 0,
      input.passwordHash,
      now,
      now,
    ).lastInsertRowid,
  );
}

/** Changes e-mail and role if the account is still at `version`. */
export function updateAccount(db: Db, id: number, version: number, input: { email: string; isAdmin: boolean }, now: string): boolean {
  return (
    sql(db, 'UPDATE accounts SET email = ?, is_admin = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?').run(
      input.email,
      input.isAdmin ? 1 : 0,
      now,
      id,
      version,
    ).changes === 1
  );
}

/** Activates or deactivates; deactivating also ends every session of the account, for good. */
export function setAccountActive(db: Db, id: number, active: boolean, now: string): void {
  sql(
    db,
    `UPDATE accounts SET active = ?, sessions_valid_after = CASE WHEN ? THEN sessions_valid_after ELSE ? END,
            version = version + 1, updated_at = ? WHERE id = ?`,
  ).run(active ? 1 : 0, active ? 1 : 0, now, now, id);
}

/** Sets a new password; every session signed in with the old one ends (a stolen one included). */
export function setPasswordHash(db: Db, id: number, passwordHash: string, now: string): void {
  sql(db, 'UPDATE accounts SET password_hash = ?, sessions_valid_after = ?, version = version + 1, updated_at = ? WHERE id = ?').run(passwordHash, now, now, id);
}

export function recordLogin(db: Db, id: number, now: string): void {
  sql(db, 'UPDATE accounts SET last_login_at = ? WHERE id = ?').run(now, id);
}

/** How many active administrators there are (the last one cannot be demoted or deactivated). */
export function countActiveAdmins(db: Db): number {
  return (sql(db, 'SELECT COUNT(*) AS n FROM accounts WHERE is_admin = 1 AND active = 1').get() as { n: number }).n;
}

/** The person's roles in groups on `date`: what the access rules decide by. */
export function listGroupRoles(db: Db, personId: number, date: string): { groupId: number; role: Role }[] {
  return sql(db, `SELECT ms.group_id AS groupId, ms.role FROM memberships ms WHERE ms.person_id = @personId AND ${memberOnSql('ms', '@date')}`).all({
    personId,
    date,
  }) as { groupId: number; role: Role }[];
}

export type LinkPurpose = 'invite' | 'reset';

/** Stores a new one-time link (by the hash of its secret); earlier unused links of the account stop working. */
export function insertPasswordLink(db: Db, accountId: number, tokenHash: string, purpose: LinkPurpose, expiresAt: string, now: string): void {
  db.transaction(() => {
    sql(db, 'UPDATE password_links SET used_at = ? WHERE account_id = ? AND used_at IS NULL').run(now, accountId);
    sql(db, 'INSERT INTO password_links (account_id, token_hash, purpose, expires_at, created_at) VALUES (?, ?, ?, ?, ?)').run(
      accountId,
      tokenHash,
      purpose,
      expiresAt,
      now,
    );
  })();
}

/** A link that can still be used: not used, not expired, its account active. */
export function findUsableLink(db: Db, tokenHash: string, now: string): { id: number; accountId: number; purpose: LinkPurpose } | undefined {
  return sql(
    db,
    `SELECT l.id, l.account_id AS accountId, l.purpose FROM password_links l JOIN accounts a ON a.id = l.account_id
      WHERE l.token_hash = ? AND l.used_at IS NULL AND l.expires_at > ? AND a.active = 1`,
  ).get(tokenHash, now) as { id: number; accountId: number; purpose: LinkPurpose } | undefined;
}

/** Uses the link up and sets the password, in one transaction; false if it was used meanwhile. */
export function usePasswordLink(db: Db, linkId: number, accountId: number, passwordHash: string, now: string): boolean {
  return db.transaction(() => {
    const used = sql(db, 'UPDATE password_links SET used_at = ? WHERE id = ? AND used_at IS NULL').run(now, linkId).changes === 1;
    if (used) setPasswordHash(db, accountId, passwordHash, now);
    return used;
  })();
}

/** Ends every unused link of the account (on deactivation: reactivating must not revive them). */
export function cancelPasswordLinks(db: Db, accountId: number, now: string): void {
  sql(db, 'UPDATE password_links SET used_at = ? WHERE account_id = ? AND used_at IS NULL').run(now, accountId);
}

/** People who have no account yet, by surname (Czech order). */
export function listPeopleWithoutAccount(db: Db): { id: number; name: string; title: string; organisationName: string | null; organisationShortName: string | null }[] {
  const rows = sql(
    db,
    `SELECT p.id, p.name, p.title, o.name AS organisationName, o.short_name AS organisationShortName
       FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id
      WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.person_id = p.id)`,
  ).all() as { id: number; name: string; title: string; organisationName: string | null; organisationShortName: string | null }[];
  return sortBySurname(rows, (row) => row.name);
}

/** Sets (a SHA-256 hex hash) or, with null, revokes the secret address of the account's calendar. */
export function setCalendarTokenHash(db: Db, accountId: number, tokenHash: string | null): void {
  sql(db, 'UPDATE accounts SET calendar_token_hash = ? WHERE id = ?').run(tokenHash, accountId);
}

/** True when the account has a secret calendar address. */
export function hasCalendarToken(db: Db, accountId: number): boolean {
  return sql(db, 'SELECT 1 FROM accounts WHERE id = ? AND calendar_token_hash IS NOT NULL').get(accountId) !== undefined;
}

/** The active account whose calendar address has this token hash, if any. */
export function findAccountByCalendarToken(db: Db, tokenHash: string): Account | undefined {
  const row = sql(db, `SELECT ${columns} FROM ${from} WHERE a.calendar_token_hash = ? AND a.active = 1`).get(tokenHash) as Stored | undefined;
  return row && toAccount(row);
}
