import type { Response } from 'express';
import { anonymousViewer, readScope, readableGroup, viewerClass, viewerOf } from '../access.js';
import type { Viewer } from '../access.js';
import type { AppDeps } from '../app.js';
import { viewerOfFeedSecret } from '../auth.js';
import { dataMemo } from '../data-memo.js';
import { listAgendaItemsOfMeetings } from '../db/agenda.js';
import { listPublishedMinutes } from '../db/meetings.js';
import type { FeedSelection } from '../db/meetings.js';
import { listResolutionsOfMeetings } from '../db/resolutions.js';
import { notFound } from '../errors.js';
import { atomText } from '../export/atom.js';
import { presentFeedEntry } from '../zapis/feed.js';
import type { Pages } from './context.js';
import { sendDownload } from './download.js';

// A feed reader wants what is new, not the archive: the archive is the group page.
const FEED_ENTRIES = 50;
const FEED_MAX_AGE = 300;
const ATOM = 'application/atom+xml; charset=utf-8';

/** What a feed says about itself, as paths of the app. */
interface FeedHead {
  title: string;
  author: string;
  selfPath: string;
  pagePath: string;
}

/** The addresses a group page offers to subscribe to: its calendar (https and webcal:) and its Atom feed of new minutes. */
export function groupFeedAddresses(baseUrl: string, slug: string): { calendar: string; webcal: string; atom: string } {
  const calendar = `${baseUrl}/groups/${slug}/calendar.ics`;
  return { calendar, webcal: calendar.replace(/^https?:/, 'webcal:'), atom: `${baseUrl}/groups/${slug}/feed.atom` };
}

/** Atom feeds of newly published minutes: everyone's public ones, a group's, and a person's secret feed of their groups. */
export function feedPages(deps: AppDeps): Pages<'site' | 'group' | 'personal'> {
  const { db, config, clock } = deps;
  // Feed readers ask every few minutes, all alike: one text per feed, visibility class and
  // language is kept until the data change (a feed depends on nothing else, not even the clock).
  const feeds = dataMemo<string>(db, 1000);

  const feedOf = (res: Response, viewer: Viewer, key: string, selection: FeedSelection, head: FeedHead): string => {
    const { lang, locale } = res.locals;
    return feeds.get(`${key}|${viewerClass(viewer)}|${locale}`, () => {
      const rows = listPublishedMinutes(db, selection, FEED_ENTRIES, readScope(viewer));
      const ids = rows.map((row) => row.id);
      const agendas = listAgendaItemsOfMeetings(db, ids);
      const resolutions = listResolutionsOfMeetings(db, ids);
      const entries = rows.map((row) => presentFeedEntry(row, agendas.get(row.id) ?? [], resolutions.get(row.id) ?? [], viewer, lang, config.baseUrl));
      const selfUrl = `${config.baseUrl}${head.selfPath}`;
      return atomText(entries, { id: selfUrl, title: head.title, author: head.author, selfUrl, pageUrl: `${config.baseUrl}${head.pagePath}`, locale });
    });
  };

  const send = (res: Response, text: string, cacheControl: string) => sendDownload(res, text, { mediaType: ATOM, name: 'zapisnik.atom', inline: true, cacheControl });

  return {
    // The public feed is the same for everyone, signed in or not: what an anonymous reader may read.
    site(_req, res) {
      const { t } = res.locals;
      const head = { title: t('feeds.siteTitle'), author: t('app.name'), selfPath: '/feed.atom', pagePath: '/' };
      send(res, feedOf(res, anonymousViewer, 'site', { kind: 'all' }, head), `public, max-age=${FEED_MAX_AGE}`);
    },

    // Exactly as visible as the group page: a members-only group is a 404 to those outside it.
    group(req, res) {
      const viewer = viewerOf(req);
      const group = readableGroup(db, viewer, String(req.params.slug));
      const path = `/groups/${group.slug}`;
      const head = { title: res.locals.t('feeds.groupTitle', { group: group.name }), author: group.name, selfPath: `${path}/feed.atom`, pagePath: path };
      // A signed-in viewer may see more than the public: their copy is theirs alone.
      res.vary('Cookie');
      send(res, feedOf(res, viewer, `group:${group.id}`, { kind: 'group', groupId: group.id }, head), `${viewer.kind === 'anonymous' ? 'public' : 'private'}, max-age=${FEED_MAX_AGE}`);
    },

    // Feed readers send no cookies: the secret in the address (the personal calendar's) is the only credential.
    personal(req, res) {
      const token = String(req.params.token);
      const viewer = viewerOfFeedSecret(db, token, clock.today());
      if (!viewer) throw notFound();
      res.set('Referrer-Policy', 'no-referrer');
      const { t } = res.locals;
      const head = { title: t('feeds.personalTitle'), author: t('app.name'), selfPath: `/feed/${token}.atom`, pagePath: '/' };
      // The groups of the feed are the person's own on this day (guests' groups too): the key says whose.
      send(res, feedOf(res, viewer, `person:${viewer.personId}|${clock.today()}`, { kind: 'groups', groupIds: [...viewer.roles.keys()] }, head), `private, max-age=${FEED_MAX_AGE}`);
    },
  };
}
