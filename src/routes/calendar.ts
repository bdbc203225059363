import type { Request, Response } from 'express';
import { readScope, readableGroup, readableMeeting, viewerClass, viewerOf } from '../access.js';
import type { Viewer } from '../access.js';
import { renewCalendarAddress, revokeCalendarAddress } from '../actions/accounts.js';
import type { AppDeps } from '../app.js';
import { viewerOfFeedSecret } from '../auth.js';
import { addDaysToInstant } from '../clock.js';
import { findAccount, hasCalendarToken } from '../db/accounts.js';
import { dataMemo } from '../data-memo.js';
import { listAgendaItemsOfMeetings } from '../db/agenda.js';
import { listCalendarMeetings } from '../db/meetings.js';
import type { CalendarMeetingRow } from '../db/meetings.js';
import { notFound } from '../errors.js';
import { calendarText } from '../export/ics.js';
import { invitationText } from '../export/invitation-text.js';
import { redirectWithFlash } from '../request-context.js';
import { presentCalendarEntry } from '../zapis/calendar.js';
import { loadExcuseContact, presentInvitation } from '../zapis/invitation.js';
import { meetingTitleFor } from '../zapis/names.js';
import { loadOutline } from '../zapis/record.js';
import { actionContext } from './context.js';
import type { Pages } from './context.js';
import { sendDownload } from './download.js';
import { idParam } from './params.js';

// Feeds list what is coming and the past year, so a subscription also shows recent meetings.
const FEED_PAST_DAYS = 365;
const FEED_REFRESH_SECONDS = 3600;
const FEED_MAX_AGE = 300;
// A feed this short takes a millisecond or two to write: not worth a trip to a render thread.
const FEED_ENTRIES_ON_MAIN_THREAD = 50;
const CALENDAR = 'text/calendar; charset=utf-8';

/** Calendar downloads and feeds, the secret address of one's own feed, and the invitation to a meeting. */
export function calendarPages(deps: AppDeps): Pages<'meeting' | 'group' | 'personal' | 'renewAddress' | 'revokeAddress' | 'invitation' | 'invitationText'> {
  const { db, config, clock } = deps;
  const feedStart = () => addDaysToInstant(clock.now(), -FEED_PAST_DAYS);

  /** The calendar entries of these meetings, with their agendas (one query). */
  const entriesOf = (res: Response, viewer: Viewer, rows: CalendarMeetingRow[]) => {
    const agendas = listAgendaItemsOfMeetings(db, rows.map((row) => row.id));
    return rows.map((row) => presentCalendarEntry(row, agendas.get(row.id) ?? [], viewer, res.locals.lang, config.baseUrl));
  };
  // Calendar apps ask for feeds every hour, all members of a group alike: one text per feed, class
  // and language is kept until the data changes, and those asking at once share its making.
  const feeds = dataMemo<Promise<Buffer | string>>(db, 1000);
  /** A feed of up to a year's meetings and more; a long one is written in a render thread, so no page waits for it. */
  const feedOf = (res: Response, viewer: Viewer, key: string, rows: () => CalendarMeetingRow[], name: string): Promise<Buffer | string> => {
    const cacheKey = `${key}|${viewerClass(viewer)}|${res.locals.locale}|${clock.today()}`;
    const made = feeds.get(cacheKey, () => {
      const entries = entriesOf(res, viewer, rows());
      const options = { baseUrl: config.baseUrl, name, locale: res.locals.locale, refreshSeconds: FEED_REFRESH_SECONDS };
      return entries.length > FEED_ENTRIES_ON_MAIN_THREAD ? deps.renderer.calendar(entries, options) : Promise.resolve(calendarText(entries, options));
    });
    made.catch(() => feeds.forget(cacheKey));
    return made;
  };

  // The one secret gives both addresses: the calendar and the Atom feed of new minutes (routes/feeds.ts).
  const renderAccount = (req: Request, res: Response, token: string) => {
    const viewer = viewerOf(req);
    if (viewer.kind !== 'account') throw notFound();
    const addresses = { calendarUrl: `${config.baseUrl}/calendar/${token}.ics`, feedUrl: `${config.baseUrl}/feed/${token}.atom` };
    res.render('auth/account', { account: findAccount(db, viewer.accountId), values: {}, errors: {}, ...addresses, hasCalendar: hasCalendarToken(db, viewer.accountId) });
  };

  const invitationOf = (req: Request, res: Response) => {
    const viewer = viewerOf(req);
    const meeting = readableMeeting(db, viewer, idParam(req.params.id));
    return presentInvitation(loadOutline(db, meeting), loadExcuseContact(db, meeting, viewer, res.locals.today), viewer, res.locals.lang);
  };

  return {
    meeting(req, res) {
      const viewer = viewerOf(req);
      const meeting = readableMeeting(db, viewer, idParam(req.params.id));
      const rows = listCalendarMeetings(db, { kind: 'meeting', meetingId: meeting.id });
      const cacheControl = viewer.kind === 'anonymous' ? `public, max-age=${FEED_MAX_AGE}` : `private, max-age=${FEED_MAX_AGE}`;
      const name = meetingTitleFor(meeting, meeting.leadGroup, viewer, res.locals.t);
      const text = calendarText(entriesOf(res, viewer, rows), { baseUrl: config.baseUrl, name, locale: res.locals.locale });
      sendDownload(res, text, { mediaType: CALENDAR, name: `jednani-${meeting.id}.ics`, cacheControl });
    },

    async group(req, res) {
      const viewer = viewerOf(req);
      const group = readableGroup(db, viewer, String(req.params.slug));
      const rows = () => listCalendarMeetings(db, { kind: 'group', groupId: group.id, scope: readScope(viewer) }, feedStart());
      const anonymous = viewer.kind === 'anonymous';
      // A signed-in viewer may see more than the public: their copy is theirs alone.
      res.vary('Cookie');
      sendDownload(res, await feedOf(res, viewer, `group:${group.id}`, rows, group.name), { mediaType: CALENDAR, name: `${group.slug}.ics`, inline: true, cacheControl: `${anonymous ? 'public' : 'private'}, max-age=${FEED_MAX_AGE}` });
    },

    // Calendar apps send no cookies: the secret in the address is the only credential.
    async personal(req, res) {
      const viewer = viewerOfFeedSecret(db, String(req.params.token), clock.today());
      if (!viewer) throw notFound();
      const rows = () => listCalendarMeetings(db, { kind: 'groups', groupIds: [...viewer.roles.keys()], scope: readScope(viewer) }, feedStart());
      res.set('Referrer-Policy', 'no-referrer');
      // The groups of the feed are the person's own: the key says whose.
      sendDownload(res, await feedOf(res, viewer, `person:${viewer.personId}`, rows, res.locals.t('calendar.myFeedName')), { mediaType: CALENDAR, name: 'zapisnik.ics', inline: true, cacheControl: `private, max-age=${FEED_MAX_AGE}` });
    },

    // The new address is shown this once; only its hash is kept, and any earlier address stops working.
    renewAddress(req, res) {
      const { token } = renewCalendarAddress(actionContext(deps, req, res));
      res.set('Cache-Control', 'no-store');
      renderAccount(req, res, token);
    },

    revokeAddress(req, res) {
      revokeCalendarAddress(actionContext(deps, req, res));
      redirectWithFlash(res, '/account', 'calendar.revoked');
    },

    invitation(req, res) {
      res.render('invitation/show', { invitation: invitationOf(req, res) });
    },

    invitationText(req, res) {
      res.set('Content-Type', 'text/plain; charset=utf-8');
      res.send(invitationText(invitationOf(req, res), config.baseUrl));
    },
  };
}
