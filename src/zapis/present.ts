import { canReadAttachment, canReadGroup, canReadMinutes, canWriteMeeting } from '../access.js';
import type { Viewer } from '../access.js';
import { meetingYear } from '../clock.js';
import type { ActionItemRow, ReviewBlockRow } from '../db/action-items.js';
import type { AttachmentRow } from '../db/attachments.js';
import type { AttendanceRow } from '../db/attendance.js';
import type { MeetingDetail, MeetingListRow } from '../db/meetings.js';
import type { ResolutionRow } from '../db/resolutions.js';
import { formatCalendarDate, formatDate, formatDateLong, inZone } from '../i18n/dates.js';
import type { Lang } from '../i18n/index.js';
import { formatOf } from '../uploads.js';
import type { AgendaEntry } from './agenda.js';
import { presentProgram } from './agenda.js';
import type {
  AttendanceSection,
  Fact,
  FileLine,
  Funding,
  MeetingRef,
  ProceedingsItem,
  ResolutionModel,
  ReviewSection,
  Run,
  Signatures,
  TaskModel,
  TaskTable,
  ZapisModel,
} from './model.js';
import { downloadName, joinNames, joinPieces, meetingTitleFor, minutesHeading, personLabel, placeLine, yearNumberLabel } from './names.js';
import type { PlaceParts } from './names.js';
import type { ZapisRecord } from './record.js';
import { dueDateText, fileSizeText, isOverdue, peopleWord, resolutionOutcomeText, responsible, reviewOutcomeText, taskStatusText, timeRangeText, votesText } from './wording.js';
import type { PeopleWord } from './wording.js';

/**
 * The zápis presenter: from a loaded meeting record and its viewer to everything the zápis shows
 * and how it is worded (sections and their order, headings, the draft mark, attendance lines, who
 * is responsible, review outcomes, times, the funding footer). Pure: no database, no clock of its
 * own (`today` decides what is overdue). The page, PDF, Word and Markdown only lay out its result.
 */
export function presentZapis(record: ZapisRecord, viewer: Viewer, lang: Lang, today: string): ZapisModel {
  const { meeting } = record;
  const { t } = lang;
  const canWrite = canWriteMeeting(viewer, meeting);
  const minutesVisible = canReadMinutes(viewer, meeting);
  const seesLeadGroup = canReadGroup(viewer, meeting.leadGroup);
  const homeGroup = homeGroupOf(meeting, viewer);
  const title = meetingTitleFor(meeting, meeting.leadGroup, viewer, t);
  const hasMinutes = Boolean(meeting.openingNotes || meeting.closingNotes || record.agenda.some((e) => e.item.proceedings || e.children.some((c) => c.item.proceedings)));
  const hasContent = hasMinutes || record.resolutions.length > 0 || record.actionItems.length > 0;
  const showMinutes = minutesVisible && hasContent;
  const groups = meeting.groups.filter((group) => canReadGroup(viewer, group));
  const tasks = record.actionItems.map((row) => presentTask(row, lang, today));
  const resolutions = record.resolutions.map((row) => presentResolution(row, lang));
  // Files kept for members only are not there for anyone else (access.canReadAttachment).
  const readable = { ...record, attachments: record.attachments.filter((row) => canReadAttachment(viewer, meeting, row)) };
  const files = readable.attachments.map((row) => presentFile(row, lang));
  // The Kontrola úkolů lists the group's tasks from earlier meetings: a reader sees those from
  // published minutes of a group they read (not a partner group's member, nor drafts).
  const reviewRows = minutesVisible ? record.reviewBlock.filter((row) => canWrite || (seesLeadGroup && row.arose.minutesPublished)) : [];

  return {
    meetingId: meeting.id,
    canWrite,
    status: { value: meeting.status, text: t(`meetings.status.${meeting.status}`) },
    // How many meetings a hidden lead group held is the hidden group's business.
    yearNumber: record.numberInYear && seesLeadGroup ? yearNumberLabel(record.numberInYear, meetingYear(meeting), t) : null,
    shortDate: formatDate(meeting.startsAt, meeting.timeZone, lang.locale),
    startIso: localStartIso(meeting),
    title,
    heading: minutesVisible && (hasContent || meeting.status === 'held') ? minutesHeading(title, t) : title,
    draft: canWrite && hasContent && !meeting.minutesPublished ? { mark: t('minutes.draft'), note: t('markdownExport.draft'), hint: t('minutes.draftHint') } : null,
    publishedNote: canWrite && meeting.minutesPublishedAt ? t('minutes.publishedOn', { date: formatDate(meeting.minutesPublishedAt, meeting.timeZone, lang.locale) }) : null,
    attendanceUnmarked: canWrite ? unmarkedNote(record.attendance.attendance, lang) : null,
    facts: presentFacts(record, groups, viewer, lang),
    attendance: minutesVisible ? presentAttendance(record.attendance, lang) : null,
    program: presentProgram({ entries: record.agenda, estimatedEnd: record.estimatedEnd }, lang),
    opening: showMinutes && meeting.openingNotes ? { heading: t('minutes.opening'), text: { markdown: meeting.openingNotes } } : null,
    proceedings: {
      heading: t('minutes.proceedings'),
      review: reviewRows.length ? presentReview(reviewRows, lang) : null,
      // Readers are told only that nothing is published: not whether a draft exists.
      notice: showMinutes ? null : canWrite ? t('minutes.notYet') : t('minutes.notPublished'),
      items: showMinutes || canWrite ? proceedingsItems(readable, { resolutions, tasks, files }) : [],
      opening: showMinutes || canWrite ? resolutions.filter((_, i) => record.resolutions[i].agendaItemId === null && record.resolutions[i].placement === 'start') : [],
      resolutions: showMinutes || canWrite ? resolutions.filter((_, i) => record.resolutions[i].agendaItemId === null && record.resolutions[i].placement !== 'start') : [],
    },
    tasks: minutesVisible && tasks.length ? taskTable(tasks, lang) : null,
    closing: showMinutes && meeting.closingNotes ? { heading: t('minutes.closing'), text: { markdown: meeting.closingNotes } } : null,
    attachments: minutesVisible && files.length ? { heading: t('attachments.title'), files } : null,
    signatures: showMinutes ? presentSignatures(meeting, lang) : null,
    funding: seesLeadGroup ? presentFunding(meeting.leadGroup, lang) : null,
    homeGroup,
    hasMinutesToRead: showMinutes,
    previous: record.previous ? meetingRef(record.previous, viewer, lang) : null,
    next: record.next ? meetingRef(record.next, viewer, lang) : null,
    fileName: downloadName('zápis', meeting, homeGroup, seesLeadGroup),
  };
}

const plain = (text: string): Run => ({ text });

/**
 * The group a meeting belongs to for this viewer: its lead group, or for a partner group's member
 * of a joint meeting led by a group hidden from them, the first of its groups they see. A hidden
 * lead group is never named, not even in a breadcrumb or a file name.
 */
export function homeGroupOf(meeting: Pick<MeetingDetail, 'leadGroup' | 'groups'>, viewer: Viewer): { name: string; shortName: string; slug: string } | null {
  const group = canReadGroup(viewer, meeting.leadGroup) ? meeting.leadGroup : meeting.groups.find((candidate) => canReadGroup(viewer, candidate));
  return group ? { name: group.name, shortName: group.shortName, slug: group.slug } : null;
}

/** The meeting's local start with its offset ("2018-03-20T09:30:00.000+01:00"), for <time datetime>. */
export function localStartIso(meeting: Pick<MeetingDetail, 'startsAt' | 'timeZone'>): string {
  return inZone(meeting.startsAt, meeting.timeZone, 'cs').toISO() ?? meeting.startsAt;
}

/** The lead group of a meeting in a list row. */
export const leadGroupOfRow = (row: Pick<MeetingListRow, 'leadGroupId' | 'leadGroupVisibility' | 'leadGroupName' | 'leadGroupNameGenitive'>) => ({
  id: row.leadGroupId,
  visibility: row.leadGroupVisibility,
  name: row.leadGroupName,
  nameGenitive: row.leadGroupNameGenitive,
});

/** A meeting in a list row, as a zápis names it for this viewer: title, short date and where it is. */
export function meetingRef(row: MeetingListRow, viewer: Viewer, { t, locale }: Lang): MeetingRef {
  return { path: `/meetings/${row.id}`, title: meetingTitleFor(row, leadGroupOfRow(row), viewer, t), date: formatDate(row.startsAt, row.timeZone, locale) };
}

const refRuns = (ref: MeetingRef): Run[] => [{ text: ref.title, link: ref.path }, plain(` (${ref.date})`)];

/** Datum, Čas, Místo and the online link: when and where a meeting is, as the zápis, the invitation and a feed entry say it. */
export function whenAndWhere(meeting: Pick<MeetingDetail, 'startsAt' | 'endsAt' | 'timeZone' | 'onlineUrl'> & PlaceParts, lang: Lang): Fact[] {
  const { t, locale } = lang;
  const zone = meeting.timeZone;
  const facts: Fact[] = [
    { key: 'date', label: t('meetings.date'), value: [plain(formatDateLong(meeting.startsAt, zone, locale))], datetime: localStartIso(meeting) },
    { key: 'time', label: t('meetings.time'), value: [plain(timeRangeText(meeting.startsAt, meeting.endsAt, zone, lang))] },
  ];
  const place = placeLine(meeting);
  if (place) facts.push({ key: 'place', label: t('meetings.place'), value: [plain(place)] });
  if (meeting.onlineUrl) facts.push({ key: 'online', label: t('meetings.onlineUrl'), value: [{ text: meeting.onlineUrl, link: meeting.onlineUrl }] });
  return facts;
}

/** Datum, Čas, Místo, online, Skupiny, Řídí jednání, Zapisovatel/ka, Navazuje na, Navazující jednání, Ověřovatelé. */
function presentFacts(record: ZapisRecord, groups: MeetingDetail['groups'], viewer: Viewer, lang: Lang): Fact[] {
  const { meeting } = record;
  const { t, locale } = lang;
  const facts = whenAndWhere(meeting, lang);
  if (groups.length > 1) {
    const names = groups.map((group): Run[] => [{ text: group.name, link: `/groups/${group.slug}` }]);
    facts.push({ key: 'groups', label: t('meetings.groups'), value: joinPieces(names, locale, plain) });
  }
  if (meeting.chair) facts.push({ key: 'chair', label: t('meetings.chair'), value: [plain(personLabel(meeting.chair))] });
  if (meeting.minuteTaker) facts.push({ key: 'minuteTaker', label: peopleWord('meetings.minuteTaker', [meeting.minuteTaker], lang), value: [plain(personLabel(meeting.minuteTaker))] });
  if (record.follows) facts.push({ key: 'follows', label: t('followUp.follows'), value: refRuns(meetingRef(record.follows, viewer, lang)) });
  if (record.followUps.length) {
    const refs = record.followUps.map((row) => refRuns(meetingRef(row, viewer, lang)));
    facts.push({ key: 'followUps', label: t('followUp.followUps'), value: refs.flatMap((runs, index) => (index ? [plain('; '), ...runs] : runs)) });
  }
  if (meeting.verifiers.length) facts.push({ key: 'verifiers', label: peopleWord('meetings.verifiers', meeting.verifiers, lang), value: [plain(joinNames(meeting.verifiers.map((v) => personLabel(v)), locale))] });
  return facts;
}

/** "Jana Kujanová (KÚ LK) za Mgr. Hana Velemínská": the organisation is the one of the day, stored with the row. */
export function attendeeLabel(row: Pick<AttendanceRow, 'name' | 'title' | 'organisationName' | 'organisationShortName' | 'substituteFor'>, { t }: Lang, withOrganisation = true): string {
  const person = personLabel(row, withOrganisation);
  return row.substituteFor ? t('attendance.substituteLabel', { person, member: personLabel(row.substituteFor, false) }) : person;
}

/** The quorum line: "Usnášeníschopnost: přítomno 7 z 9 členů s hlasem — splněno (potřeba více než polovina)". */
export function quorumText(quorum: { present: number; total: number; percent: number; met: boolean }, { t }: Lang): string {
  if (quorum.total === 0) return t('attendance.quorumNoMembers');
  const need = quorum.percent === 50 ? t('attendance.quorumNeedHalf') : t('attendance.quorumNeedPercent', { percent: quorum.percent });
  return t('attendance.quorum', { present: quorum.present, count: quorum.total, result: t(quorum.met ? 'attendance.quorumMet' : 'attendance.quorumNotMet'), need });
}

/** Přítomni / Omluveni / Nepřítomni / Hosté / Přizváni (or "dle prezenční listiny"), then the quorum; null when nothing was recorded. */
function presentAttendance({ attendance, bySheet, quorum, stated }: ZapisRecord['attendance'], lang: Lang): AttendanceSection | null {
  const statedQuorum = statedQuorumText(stated, lang);
  if (!attendance.length && !bySheet && !statedQuorum) return null;
  const { t } = lang;
  // Each line's label agrees with the people it names: "Přítomna" for one woman, "Omluveni" for several.
  const line = (word: PeopleWord, status: AttendanceRow['status'], kinds?: AttendanceRow['kind'][]) => {
    const rows = attendance.filter((row) => row.status === status && (!kinds || kinds.includes(row.kind)));
    return { label: peopleWord(word, rows, lang), text: rows.map((row) => attendeeLabel(row, lang)).join(', ') };
  };
  // Members and their substitutes are "Přítomni"; guests and the invited who came have lines of their own.
  const lines = [
    bySheet ? { label: peopleWord('attendance.present', [], lang), text: t('attendance.bySheet') } : line('attendance.present', 'present', ['member', 'substitute']),
    line('attendance.excused', 'excused'),
    line('attendance.absent', 'absent'),
    line('attendance.guests', 'present', ['guest']),
    line('attendance.invited', 'present', ['invited']),
  ].filter((entry) => entry.text);
  // A quorum is worked out only from a complete list of the voting members, name by name: from the
  // signed sheet or a list with members left unmarked it would be a claim without the data. There
  // the zápis says what the minutes state, or nothing.
  const members = attendance.filter((row) => row.kind === 'member' && row.voting);
  const complete = !bySheet && members.length > 0 && members.every((row) => row.status !== 'expected');
  return {
    heading: t('attendance.title'),
    lines,
    empty: lines.length ? null : t('attendance.notRecorded'),
    quorum: statedQuorum ? { text: statedQuorum.text, met: statedQuorum.met } : complete && quorum.total > 0 ? { text: quorumText(quorum, lang), met: quorum.met } : null,
  };
}

/** The quorum as the minutes state it: "Usnášeníschopnost: přítomno 6 z 9 členů s hlasem — jednání je usnášeníschopné", or the verdict, or the count alone. */
function statedQuorumText(stated: ZapisRecord['attendance']['stated'], { t }: Lang): { text: string; met: boolean | null } | null {
  const verdict = stated.quorate === null ? null : t(stated.quorate ? 'attendance.quorate' : 'attendance.notQuorate');
  if (stated.present !== null && stated.total !== null) {
    const count = t('attendance.quorumStated', { present: stated.present, count: stated.total });
    return { text: verdict ? `${count} — ${verdict}` : count, met: stated.quorate };
  }
  return verdict ? { text: t('attendance.quorumVerdict', { verdict }), met: stated.quorate } : null;
}

/** How many listed people have no status yet, once someone recorded any (writers finish the list with it). */
function unmarkedNote(attendance: readonly AttendanceRow[], { t }: Lang): string | null {
  const unmarked = attendance.filter((row) => row.status === 'expected').length;
  return unmarked && attendance.length > unmarked ? t('attendance.unmarked', { count: unmarked }) : null;
}

function presentReview(rows: readonly ReviewBlockRow[], lang: Lang): ReviewSection {
  const { t, locale } = lang;
  const outcome = (row: ReviewBlockRow): ReviewSection['rows'][number]['outcome'] => {
    if (row.review) return { kind: row.review.outcome, text: reviewOutcomeText(row.review.outcome, row.review.dueDate, lang), note: row.review.note };
    if (row.closedOutside) return { kind: 'closedOutside', text: t('actionItems.closedSinceLastMeeting', { outcome: reviewOutcomeText(row.closedOutside, null, lang) }), note: '' };
    return { kind: 'notReviewed', text: t('actionItems.notReviewed'), note: '' };
  };
  return {
    heading: t('actionItems.review'),
    columns: [t('actionItems.item'), t('actionItems.owners'), t('actionItems.previousDueDate'), t('actionItems.reviewOutcome')],
    rows: rows.map((row) => ({
      id: row.id,
      path: `/action-items/${row.id}`,
      text: row.text,
      responsible: responsible(row, lang) ?? t('common.none'),
      previousDueDate: row.previousDueDate ? formatCalendarDate(row.previousDueDate, locale) : t('common.none'),
      previousDueIso: row.previousDueDate,
      outcome: outcome(row),
    })),
  };
}

/** A task as the zápis states it: in the table at the end, and as a line under its agenda item. */
export function presentTask(row: ActionItemRow, lang: Lang, today: string): TaskModel {
  const { t } = lang;
  const who = responsible(row, lang);
  const path = `/action-items/${row.id}`;
  const line: Run[] = [{ text: t('actionItems.item'), bold: true, link: path }, plain(`: ${row.text}`)];
  if (who) line.push(plain(` — ${t('actionItems.owners')}: ${who}`));
  if (row.dueDate) line.push(plain(`, ${t('actionItems.dueDate')}: ${dueDateText(row.dueDate, lang)}`));
  return {
    id: row.id,
    path,
    text: row.text,
    responsible: who ?? t('common.none'),
    dueDate: dueDateText(row.dueDate, lang),
    dueIso: row.dueDate,
    status: { value: row.status, text: taskStatusText(row.status, lang) },
    overdue: isOverdue(row, today),
    line,
  };
}

function taskTable(rows: TaskModel[], { t }: Lang): TaskTable {
  return { heading: t('actionItems.title'), columns: [t('actionItems.item'), t('actionItems.owners'), t('actionItems.dueDate'), t('actionItems.status')], rows };
}

/** A resolution as the zápis states it: its number, text, votes and outcome. */
export function presentResolution(row: ResolutionRow, lang: Lang): ResolutionModel {
  const { t } = lang;
  return {
    id: row.id,
    anchor: `resolution-${row.id}`,
    number: row.label,
    // As the minutes write it: "Usnesení č. 3/2018"; a label that says "č." itself is not given a second one; none for unnumbered ones.
    label: row.label === '' ? t('resolutions.unnumbered') : /č\./.test(row.label) ? `${t('resolutions.unnumbered')} ${row.label}` : t('resolutions.numberLabel', { label: row.label }),
    text: { markdown: row.text },
    votes: votesText(row, lang),
    outcome: { value: row.outcome, text: resolutionOutcomeText(row.outcome, lang) },
    supersedes: row.supersedes ? { text: t('resolutions.supersedesLine', { label: row.supersedes.label }), path: `/meetings/${row.supersedes.meetingId}#resolution-${row.supersedes.id}` } : null,
  };
}

function presentFile(row: AttachmentRow, lang: Lang): FileLine {
  return {
    id: row.id,
    path: `/attachments/${row.id}`,
    title: row.title,
    originalName: row.originalName,
    meta: [formatOf(row.mediaType), fileSizeText(row.size, lang), row.visibility === 'members' ? lang.t('attachments.membersOnly') : ''].filter(Boolean).join(', '),
    item: row.agendaItemTitle ? lang.t('attachments.ofItem', { title: row.agendaItemTitle }) : null,
  };
}

/** The models of the rows that belong to an agenda item (null: to none), in the rows' order. */
function under<T>(rows: readonly { agendaItemId: number | null }[], models: readonly T[], itemId: number | null): T[] {
  return models.filter((_, index) => rows[index].agendaItemId === itemId);
}

/** Průběh jednání: each agenda item (sub-items after their parent) with what was written, decided and given to do under it. */
function proceedingsItems(record: ZapisRecord, models: { resolutions: ResolutionModel[]; tasks: TaskModel[]; files: FileLine[] }): ProceedingsItem[] {
  const item = (entry: AgendaEntry, marker: string, level: 3 | 4): ProceedingsItem => ({
    id: entry.item.id,
    anchor: `item-${entry.item.id}`,
    level,
    marker,
    title: entry.item.title,
    text: entry.item.proceedings ? { markdown: entry.item.proceedings } : null,
    files: under(record.attachments, models.files, entry.item.id),
    resolutions: under(record.resolutions, models.resolutions, entry.item.id),
    tasks: under(record.actionItems, models.tasks, entry.item.id),
  });
  return record.agenda.flatMap((entry) => [item(entry, entry.marker, 3), ...entry.children.map((child) => item(child, child.marker, 4))]);
}

/** "Zapsala: Bc. Lucie Nováková", "Ověřili: …": the participles agree with the people they name. */
function presentSignatures(meeting: MeetingDetail, lang: Lang): Signatures | null {
  const { t, locale } = lang;
  if (!meeting.minuteTaker && !meeting.verifiers.length) return null;
  return {
    writtenBy: meeting.minuteTaker ? { label: peopleWord('minutes.writtenBy', [meeting.minuteTaker], lang), names: personLabel(meeting.minuteTaker, false) } : null,
    verifiedBy: meeting.verifiers.length ? { label: peopleWord('minutes.verifiedBy', meeting.verifiers, lang), names: joinNames(meeting.verifiers.map((v) => personLabel(v, false)), locale) } : null,
    dateLine: t('exports.dateLine'),
  };
}

/** The funded project's footer; null when the group is not funded. */
export function presentFunding(group: { slug: string; fundingProject: string; fundingRegistration: string; logoAttachmentId: number | null }, { t }: Lang): Funding | null {
  if (!group.fundingProject && !group.fundingRegistration) return null;
  const registration = group.fundingRegistration ? t('funding.registrationShort', { number: group.fundingRegistration }) : null;
  return {
    project: group.fundingProject,
    registration,
    line: [group.fundingProject, registration].filter(Boolean).join(', '),
    logoPath: group.logoAttachmentId ? `/groups/${group.slug}/logo` : null,
  };
}
