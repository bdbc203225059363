import { Router } from 'express';
import type { Request, Response } from 'express';
import { DateTime } from 'luxon';
import type { AppDeps } from '../app.js';
import { canReadDirectory, canReadGroup, readScope, viewerOf } from '../access.js';
import type { Viewer } from '../access.js';
import { requireSignIn } from '../auth.js';
import { findAccountByCalendarToken, findAccount, hasCalendarToken, listGroupRoles, setCalendarTokenHash } from '../db/accounts.js';
import type { Account } from '../db/accounts.js';
import { findGroupBySlug } from '../db/groups.js';
import type { Db } from '../db/index.js';
import { listCalendarMeetings } from '../db/meetings.js';
import type { CalendarMeetingRow, MeetingDetail } from '../db/meetings.js';
import { listMembershipsOfGroup } from '../db/memberships.js';
import { findPerson } from '../db/people.js';
import { notFound } from '../errors.js';
import { agendaLines, meetingsCalendar } from '../export/ics.js';
import type { CalendarOptions } from '../export/ics.js';
import type { Translate } from '../i18n/index.js';
import { formatDateLong, formatTime } from '../i18n/dates.js';
import { zapisView } from '../meeting-record.js';
import { hashLinkSecret, newLinkSecret } from '../passwords.js';
import { redirectWithFlash } from '../request-context.js';
import { meetingTitle, personLabel } from '../zapis.js';
import { readableMeeting } from './meetings.js';

// Feeds list what is coming and the past year, so a subscription also shows recent meetings.
const FEED_PAST_DAYS = 365;
const FEED_REFRESH_SECONDS = 3600;
const FEED_MAX_AGE = 300;

const feedStart = () => new Date(Date.now() - FEED_PAST_DAYS * 86_400_000).toISOString();

/** Sends iCalendar text: a download for one meeting, inline for a subscribed feed. */
function sendCalendar(res: Response, text: string, filename: string, disposition: 'attachment' | 'inline', cacheControl: string): void {
  res.set('Content-Type', 'text/calendar; charset=utf-8');
  res.set('Content-Disposition', `${disposition}; filename="${filename}"`);
  res.set('Cache-Control', cacheControl);
  res.send(text);
}

/** The viewer a secret calendar address stands for: its account with its current roles. */
function viewerOfAccount(db: Db, account: Account, timeZone: string): Viewer & { kind: 'account' } {
  const today = DateTime.now().setZone(timeZone).toISODate() as string;
  return {
    kind: 'account',
    accountId: account.id,
    personId: account.personId,
    name: account.name,
    isAdmin: account.isAdmin,
    roles: new Map(listGroupRoles(db, account.personId, today).map(({ groupId, role }) => [groupId, role])),
  };
}

/** Whom to excuse oneself with: the minute-taker, else the lead group's current secretary (e-mail only for directory readers). */
function excuseContact(db: Db, meeting: MeetingDetail, viewer: Viewer, today: string): { name: string; email: string } | undefined {
  const secretary = listMembershipsOfGroup(db, meeting.leadGroupId).find(
    (membership) =>
      membership.role === 'secretary' && (membership.since === null || membership.since <= today) && (membership.until === null || membership.until >= today),
  );
  const personId = meeting.minuteTaker?.id ?? secretary?.personId;
  const person = personId === undefined ? undefined : findPerson(db, personId);
  if (!person) return undefined;
  return { name: personLabel({ ...person, organisationName: null, organisationShortName: null }, false), email: canReadDirectory(viewer) ? person.email : '' };
}

/** "Pozvánka na 11. setkání …" for numbered titles; any other title cannot be declined safely, so it follows a colon. */
function invitationHeading(title: string, t: Translate): string {
  return /^\d+\.\s/.test(title) ? t('calendar.invitationHeading', { title }) : t('calendar.invitationHeadingOther', { title });
}

/** The sentence asking to excuse absence, with whom to excuse oneself when known. */
function excuseSentence(contact: { name: string; email: string } | undefined, t: Translate): string {
  if (!contact) return t('calendar.excuseAnyone');
  return contact.email ? t('calendar.excuseEmail', contact) : t('calendar.excuse', { name: contact.name });
}

type Invitation = ReturnType<typeof zapisView> & {
  heading: string;
  date: string;
  time: string;
  agendaLines: string[];
  excuse: string;
  contact: { name: string; email: string } | undefined;
  meetingUrl: string;
  icsUrl: string;
};

/** The invitation as plain text (Markdown), ready to paste into an e-mail. */
function invitationText(invitation: Invitation, t: Translate): string {
  const m = invitation.record.meeting;
  const facts = [
    [t('meetings.date'), invitation.date],
    [t('meetings.time'), invitation.time],
    [t('meetings.place'), invitation.record.place],
    [t('meetings.onlineUrl'), m.onlineUrl],
  ].filter(([, value]) => value);
  return [
    `# ${invitation.heading}`,
    '',
    ...facts.map(([label, value]) => `- **${label}:** ${value}`),
    '',
    `## ${t('agenda.title')}`,
    '',
    ...(invitation.agendaLines.length ? invitation.agendaLines : [t('agenda.empty')]),
    '',
    invitation.excuse,
    '',
    `${t('calendar.addToCalendar')}: ${invitation.icsUrl}`,
    `${t('calendar.details')} ${invitation.meetingUrl}`,
    '',
  ].join('\n');
}

/** Calendar downloads and feeds, the secret address of one's own feed, and the invitation to a meeting. */
export function calendarRouter({ db, config }: AppDeps): Router {
  const router = Router();

  const options = (res: Response, name: string, feed: boolean): CalendarOptions => ({
    baseUrl: config.baseUrl,
    name,
    t: res.locals.t,
    locale: res.locals.locale,
    refreshSeconds: feed ? FEED_REFRESH_SECONDS : undefined,
  });
  const calendarOf = (res: Response, rows: CalendarMeetingRow[], name: string, feed: boolean) => meetingsCalendar(db, rows, options(res, name, feed));

  router.get('/meetings/:id.ics', (req, res) => {
    const meeting = readableMeeting(db, req);
    const rows = listCalendarMeetings(db, { kind: 'meeting', meetingId: meeting.id });
    const cache = viewerOf(req).kind === 'anonymous' ? `public, max-age=${FEED_MAX_AGE}` : `private, max-age=${FEED_MAX_AGE}`;
    sendCalendar(res, calendarOf(res, rows, meetingTitle(meeting, meeting.leadGroup), false), `jednani-${meeting.id}.ics`, 'attachment', cache);
  });

  router.get('/groups/:slug/calendar.ics', (req, res) => {
    const viewer = viewerOf(req);
    const group = findGroupBySlug(db, String(req.params.slug));
    if (!group || !canReadGroup(viewer, group)) throw notFound();
    const rows = listCalendarMeetings(db, { kind: 'group', groupId: group.id, scope: readScope(viewer) }, feedStart());
    const anonymous = viewer.kind === 'anonymous';
    // A signed-in viewer may see more than the public: their copy is theirs alone.
    res.vary('Cookie');
    sendCalendar(res, calendarOf(res, rows, group.name, true), `${group.slug}.ics`, 'inline', `${anonymous ? 'public' : 'private'}, max-age=${FEED_MAX_AGE}`);
  });

  // Calendar apps send no cookies: the secret in the address is the only credential.
  router.get('/calendar/:token.ics', (req, res) => {
    const token = String(req.params.token);
    const account = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? findAccountByCalendarToken(db, hashLinkSecret(token)) : undefined;
    if (!account) throw notFound();
    const viewer = viewerOfAccount(db, account, config.timeZone);
    const rows = listCalendarMeetings(db, { kind: 'groups', groupIds: [...viewer.roles.keys()], scope: readScope(viewer) }, feedStart());
    res.set('Referrer-Policy', 'no-referrer');
    sendCalendar(res, calendarOf(res, rows, res.locals.t('calendar.myFeedName'), true), 'zapisnik.ics', 'inline', `private, max-age=${FEED_MAX_AGE}`);
  });

  const renderAccount = (req: Request, res: Response, calendarUrl: string | undefined) => {
    const viewer = viewerOf(req);
    if (viewer.kind !== 'account') throw notFound();
    res.render('auth/account', {
      account: findAccount(db, viewer.accountId),
      values: {},
      errors: {},
      calendarUrl,
      hasCalendar: hasCalendarToken(db, viewer.accountId),
    });
  };

  // The new address is shown this once; only its hash is kept, and any earlier address stops working.
  router.post('/account/calendar', requireSignIn, (req, res) => {
    const viewer = viewerOf(req);
    if (viewer.kind !== 'account') throw notFound();
    const { token, tokenHash } = newLinkSecret();
    setCalendarTokenHash(db, viewer.accountId, tokenHash);
    res.set('Cache-Control', 'no-store');
    renderAccount(req, res, `${config.baseUrl}/calendar/${token}.ics`);
  });

  router.post('/account/calendar/revoke', requireSignIn, (req, res) => {
    const viewer = viewerOf(req);
    if (viewer.kind !== 'account') throw notFound();
    setCalendarTokenHash(db, viewer.accountId, null);
    redirectWithFlash(res, '/account', 'calendar.revoked');
  });

  const invitation = (req: Request, res: Response): Invitation => {
    const meeting = readableMeeting(db, req);
    const viewer = viewerOf(req);
    const view = zapisView(db, meeting, viewer);
    const today = DateTime.now().setZone(config.timeZone).toISODate() as string;
    const { locale, t } = res.locals;
    const contact = excuseContact(db, meeting, viewer, today);
    return {
      ...view,
      heading: invitationHeading(view.record.title, t),
      excuse: excuseSentence(contact, t),
      date: formatDateLong(meeting.startsAt, meeting.timeZone, locale),
      time: formatTime(meeting.startsAt, meeting.timeZone, locale) + (meeting.endsAt ? `–${formatTime(meeting.endsAt, meeting.timeZone, locale)}` : ''),
      agendaLines: agendaLines(view.record.agenda, locale),
      contact,
      meetingUrl: `${config.baseUrl}/meetings/${meeting.id}`,
      icsUrl: `${config.baseUrl}/meetings/${meeting.id}.ics`,
    };
  };

  router.get('/meetings/:id/invitation', (req, res) => {
    res.render('invitation/show', invitation(req, res));
  });

  router.get('/meetings/:id/invitation.txt', (req, res) => {
    res.set('Content-Type', 'text/plain; charset=utf-8');
    res.send(invitationText(invitation(req, res), res.locals.t));
  });

  return router;
}
