import { Router } from 'express';
import type { AppDeps } from '../app.js';
import { viewerOf } from '../access.js';
import { zapisFileNames, zapisMarkdown } from '../export/markdown.js';
import { zapisView } from '../meeting-record.js';
import { readableMeeting } from './meetings.js';

/** Content-Disposition for a download: the ASCII name for old clients, the UTF-8 one (RFC 5987) for the rest. */
export function attachmentDisposition(names: { ascii: string; utf8: string }): string {
  const encoded = encodeURIComponent(names.utf8).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${names.ascii}"; filename*=UTF-8''${encoded}`;
}

/** GET /meetings/:id.md: the zápis as one Markdown document, as much of it as the viewer may read. */
export function markdownExportRouter({ db, config }: AppDeps): Router {
  const router = Router();

  router.get('/meetings/:id.md', (req, res) => {
    // A hidden meeting is a 404, as its page is; a draft's minutes only reach those who write them.
    const view = zapisView(db, readableMeeting(db, req), viewerOf(req));
    const { t, locale, fmt } = res.locals;
    const body = zapisMarkdown(view, { t, locale, fmt, baseUrl: config.baseUrl });
    res.set({
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': attachmentDisposition(zapisFileNames(view, 'md')),
      'Cache-Control': 'private, no-store',
    });
    res.send(body);
  });

  return router;
}
