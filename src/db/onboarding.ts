import { sql } from './index.js';
import type { Db } from './index.js';
import { memberOnSql } from './memberships.js';

/**
 * Where a new instance stands on its first steps, read from the data (nothing is stored for it):
 * is there a group, has a group a secretary with an account (invited or signed in), has a group its
 * funding footer (project or logo). The groups named are where the next step is done.
 */
export interface FirstRunState {
  hasGroup: boolean;
  hasSecretary: boolean;
  hasFunding: boolean;
  /** The first group (by name) without a current secretary who has an account, if any. */
  groupWithoutSecretary: { slug: string; name: string } | undefined;
  /** The first group by name, where the funding footer is set. */
  firstGroup: { slug: string; name: string } | undefined;
}

// A secretary counts from the day their membership starts, by the one rule of db/memberships.ts.
const hasSecretaryWithAccount = `EXISTS (SELECT 1 FROM memberships ms JOIN accounts a ON a.person_id = ms.person_id
            WHERE ms.group_id = g.id AND ms.role = 'secretary' AND a.active = 1 AND ${memberOnSql('ms', '@today')})`;

/** The first-run state in one query over the groups (a list as long as the organisation): what the administrator's checklist shows. */
export function firstRunState(db: Db, today: string): FirstRunState {
  const groups = sql(
    db,
    `SELECT g.id, g.name, g.slug, ${hasSecretaryWithAccount} AS hasSecretary,
            (g.funding_project <> '' OR g.logo_attachment_id IS NOT NULL) AS funded
       FROM groups g ORDER BY g.name COLLATE NOCASE, g.id`,
  ).all({ today }) as { id: number; name: string; slug: string; hasSecretary: number; funded: number }[];
  const named = (group: { slug: string; name: string } | undefined) => group && { slug: group.slug, name: group.name };
  return {
    hasGroup: groups.length > 0,
    hasSecretary: groups.some((group) => group.hasSecretary === 1),
    hasFunding: groups.some((group) => group.funded === 1),
    groupWithoutSecretary: named(groups.find((group) => group.hasSecretary !== 1)),
    firstGroup: named(groups[0]),
  };
}
