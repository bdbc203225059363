import type { AppDeps } from '../app.js';
import { viewerOf } from '../access.js';
import { quoteHtml } from '../html.js';
import { searchArchive, searchHref, searchRequest } from '../search/results.js';
import type { Pages } from './context.js';

/** Full-text search of the archive: GET /search?q=…, filters and the page in the URL, so a search can be linked and reloaded. */
export function searchPages(deps: AppDeps): Pages<'search'> {
  const { db, clock } = deps;
  return {
    search(req, res) {
      const request = searchRequest(req.query);
      const results = searchArchive(db, viewerOf(req), request, clock.zone);
      // Not indexed by robots, and not kept by the page cache: searches are endless distinct URLs that
      // would push the zápis pages (the cache's purpose) out of its bounded memory.
      res.set('X-Robots-Tag', 'noindex');
      res.set('Cache-Control', 'no-store');
      res.render('search/index', { results, searchHref, quoteHtml });
    },
  };
}
