import path from 'node:path';
import { loadConfig } from '../config.js';
import type { Config } from '../config.js';
import { systemClock } from '../clock.js';
import { openDb } from '../db/index.js';
import type { Db } from '../db/index.js';
import { openSessionDb } from '../db/sessions.js';
import { DEMO_PASSWORD, createDemoAccounts, loadDemoData } from '../demo-data.js';

// Data tables, children first, so a forced reload can empty them without tripping foreign keys.
const tables = [
  'password_links',
  'accounts',
  'action_item_reviews',
  'action_item_owners',
  'action_items',
  'resolutions',
  'resolution_counters',
  'agenda_items',
  'minutes',
  'meeting_verifiers',
  'meeting_groups',
  'meetings',
  'memberships',
  'groups',
  'people',
  'venues',
  'organisations',
];

function isEmpty(db: Db): boolean {
  return tables.every((table) => db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get() === undefined);
}

/**
 * Signs everyone out. The replaced accounts' ids are given out again to the demo accounts, so a
 * session kept from before would otherwise wake up as someone else.
 */
function endAllSessions(config: Config): void {
  const sessions = openSessionDb(path.join(config.dataDir, 'sessions.sqlite'));
  try {
    sessions.prepare('DELETE FROM sessions').run();
  } finally {
    sessions.close();
  }
}

async function main(): Promise<void> {
  const force = process.argv.includes('--force');
  const config = loadConfig();
  const db = openDb(config.databaseFile);
  try {
    if (!isEmpty(db)) {
      if (!force) {
        console.error(`The database ${config.databaseFile} already holds data; nothing was changed.`);
        console.error('Run `npm run demo -- --force` to replace everything in it with the demo data.');
        process.exitCode = 1;
        return;
      }
      db.transaction(() => {
        // Umbrella links point into the same table, and RESTRICT is checked row by row: cut them first.
        db.prepare('UPDATE groups SET umbrella_id = NULL').run();
        for (const table of tables) db.prepare(`DELETE FROM ${table}`).run();
      })();
      endAllSessions(config);
    }
    const clock = systemClock(config.timeZone);
    const { tenthMeetingId, groupSlug } = loadDemoData(db, clock);
    const accounts = await createDemoAccounts(db, clock, config.env);
    console.log(`Demo data loaded into ${config.databaseFile}.`);
    console.log(`Start the app with \`npm start\`, then open ${config.baseUrl}/groups/${groupSlug} or ${config.baseUrl}/meetings/${tenthMeetingId}.`);
    console.log('');
    console.log(`Demo accounts (DEMO ONLY: they all share the password "${DEMO_PASSWORD}", so never keep them on a real instance):`);
    for (const { email, role } of accounts) console.log(`  ${email.padEnd(28)} ${role}`);
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
