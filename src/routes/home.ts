import { Router } from 'express';
import type { AppDeps } from '../app.js';
import { schemaVersion } from '../db/index.js';
import { isLocale } from '../i18n/index.js';
import { canEditDirectory, canReadGroup, viewerOf } from '../access.js';
import { listLatestMinutes, listUpcomingMeetings } from '../db/meetings.js';
import type { MeetingListRow } from '../db/meetings.js';
import { groupsExist } from '../db/groups.js';
import { safeLocalPath } from '../request-context.js';

/** The overview page, the health check and the language switch. */
export function homeRouter({ db }: AppDeps): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    // A real round trip to the database, not just "the process is up".
    db.prepare('SELECT 1').get();
    res.set('Cache-Control', 'no-store').json({ status: 'ok', schemaVersion: schemaVersion(db) });
  });

  router.post('/language', (req, res) => {
    const lang = req.body?.lang;
    if (isLocale(lang)) {
      res.cookie('lang', lang, { path: '/', maxAge: 365 * 24 * 3600 * 1000, sameSite: 'lax', httpOnly: true });
    }
    res.redirect(303, safeLocalPath(req.body?.next));
  });

  router.get('/', (req, res) => {
    const viewer = viewerOf(req);
    const now = new Date().toISOString();
    const readable = (row: MeetingListRow) => canReadGroup(viewer, { id: row.leadGroupId, visibility: row.leadGroupVisibility });
    res.render('home/index', {
      upcoming: listUpcomingMeetings(db, now, 10).filter(readable),
      latestMinutes: listLatestMinutes(db, now, 10).filter(readable),
      hasGroups: groupsExist(db),
      canCreateGroup: canEditDirectory(viewer),
    });
  });

  return router;
}
