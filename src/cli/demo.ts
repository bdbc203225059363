import { loadConfig } from '../config.js';
import { openDb } from '../db/index.js';
import type { Db } from '../db/index.js';
import { loadDemoData } from '../demo-data.js';

// Data tables, children first, so a forced reload can empty them without tripping foreign keys.
const tables = ['agenda_items', 'minutes', 'meeting_verifiers', 'meeting_groups', 'meetings', 'memberships', 'groups', 'people', 'venues', 'organisations'];

function isEmpty(db: Db): boolean {
  return tables.every((table) => db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get() === undefined);
}

function main(): void {
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
    }
    const { tenthMeetingId, groupSlug } = loadDemoData(db);
    console.log(`Demo data loaded into ${config.databaseFile}.`);
    console.log(`Start the app with \`npm start\`, then open ${config.baseUrl}/groups/${groupSlug} or ${config.baseUrl}/meetings/${tenthMeetingId}.`);
  } finally {
    db.close();
  }
}

main();
