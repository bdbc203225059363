import { loadConfig } from '../config.js';
import { openDb } from '../db/index.js';
import { listAttachmentsWithoutText, setAttachmentText } from '../db/attachments.js';
import { rebuildSearchIndex } from '../db/search.js';
import { extractText } from '../search/extract-text.js';
import { storedPath } from '../uploads.js';

/**
 * `npm run search:rebuild`: reads the words of attachments stored before search existed (or whose
 * reading failed), then fills the search index anew from the records. Safe while the app runs: each
 * attachment's text is one small write, and the rebuild is one transaction.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const db = openDb(config.databaseFile);
  try {
    const pending = listAttachmentsWithoutText(db);
    let unreadable = 0;
    for (const attachment of pending) {
      const text = await extractText(storedPath(config.uploadsDir, attachment.storedName), attachment.mediaType).catch(() => {
        unreadable++;
        return '';
      });
      setAttachmentText(db, attachment.id, text);
    }
    const started = performance.now();
    const rows = rebuildSearchIndex(db);
    console.log(`Search index rebuilt: ${rows} texts in ${Math.round(performance.now() - started)} ms; read ${pending.length} attachments (${unreadable} could not be read and are found by name).`);
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`search:rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
