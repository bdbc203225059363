import type { Lang, Locale } from '../i18n/index.js';
import { langOf } from '../i18n/index.js';
import { formatOf } from '../uploads.js';
import { canReadGroup } from '../access.js';
import type { Viewer } from '../access.js';
import type { MeetingListRow } from '../db/meetings.js';
import { meetingTitle, meetingTitleFor, personLabel, personName } from './names.js';
import { attendeeLabel, leadGroupOfRow, quorumText } from './present.js';

type TitledMeeting = { number: number; title: string };
type ListRow = Pick<MeetingListRow, 'number' | 'title' | 'leadGroupId' | 'leadGroupVisibility' | 'leadGroupName' | 'leadGroupNameGenitive'>;
import { fileSizeText, isOverdue, peopleWord, personWord, resolutionOutcomeText, responsible, reviewOutcomeText, taskStatusText, votesText } from './wording.js';
import type { Gender } from './czech-names.js';
import type { AttendanceKind, AttendanceStatus } from '../db/attendance.js';
import type { Role } from '../db/memberships.js';

const attendanceStatusWords = { present: 'attendance.statusPresent', excused: 'attendance.statusExcused', absent: 'attendance.statusAbsent' } as const;
const attendanceKindWords = { member: 'attendance.kindMember', guest: 'attendance.kindGuest', invited: 'attendance.kindInvited', substitute: 'attendance.kindSubstitute' } as const;

/** The zápis's wording for views outside the zápis (task lists, the register, editors), bound to a language. */
function wordsOf(lang: Lang) {
  return {
    meetingTitle,
    /** A meeting's title as this viewer reads it (never a hidden lead group's name or count). */
    titleFor: (meeting: TitledMeeting, leadGroup: Parameters<typeof meetingTitleFor>[1], viewer: Viewer) => meetingTitleFor(meeting, leadGroup, viewer, lang.t),
    /** The same for a meeting list row, and the lead group's short name when the viewer may see it. */
    rowTitle: (row: ListRow, viewer: Viewer) => meetingTitleFor(row, leadGroupOfRow(row), viewer, lang.t),
    rowGroup: (row: ListRow & { leadGroupShortName: string }, viewer: Viewer) => (canReadGroup(viewer, leadGroupOfRow(row)) ? row.leadGroupShortName || row.leadGroupName : null),
    /** A meeting of a task's trail (with its lead group's id, visibility and names) as this viewer reads it. */
    trailTitle: (meeting: TitledMeeting & { groupId: number; groupVisibility: 'public' | 'members'; groupName: string; groupNameGenitive: string }, viewer: Viewer) =>
      meetingTitleFor(meeting, { id: meeting.groupId, visibility: meeting.groupVisibility, name: meeting.groupName, nameGenitive: meeting.groupNameGenitive }, viewer, lang.t),
    personLabel,
    personName,
    isOverdue,
    responsible: (row: Parameters<typeof responsible>[0]) => responsible(row, lang) ?? lang.t('common.none'),
    reviewOutcome: (outcome: Parameters<typeof reviewOutcomeText>[0], dueDate: string | null) => reviewOutcomeText(outcome, dueDate, lang),
    taskStatus: (status: Parameters<typeof taskStatusText>[0]) => taskStatusText(status, lang),
    resolutionOutcome: (outcome: Parameters<typeof resolutionOutcomeText>[0]) => resolutionOutcomeText(outcome, lang),
    votes: (votes: Parameters<typeof votesText>[0]) => votesText(votes, lang),
    fileSize: (bytes: number) => fileSizeText(bytes, lang),
    format: formatOf,
    quorum: (quorum: Parameters<typeof quorumText>[0]) => quorumText(quorum, lang),
    attendee: (row: Parameters<typeof attendeeLabel>[0], withOrganisation = true) => attendeeLabel(row, lang, withOrganisation),
    /** A person's attendance as the editor offers it: přítomen / přítomna / přítomen/a … */
    attendanceStatus: (status: AttendanceStatus, gender: Gender | null) =>
      status === 'expected' ? lang.t('attendance.statusExpected') : personWord(attendanceStatusWords[status], gender, lang),
    /** How a person attends: člen / členka, přizvaný / přizvaná, náhradník / náhradnice, host. */
    attendanceKind: (kind: AttendanceKind, gender: Gender | null) => personWord(attendanceKindWords[kind], gender, lang),
    /** A person's role in a group: Předseda / Předsedkyně, Člen / Členka … */
    role: (role: Role, gender: Gender | null) => personWord(`memberships.roleOf.${role}`, gender, lang),
    /** The heading over the people of a role, by their genders: Předsedkyně, Členové, Členky … */
    roleHeading: (role: Role, genders: readonly (Gender | null)[]) => peopleWord(`memberships.roleOf.${role}`, genders.map((gender) => ({ gender })), lang),
  };
}

export type Words = ReturnType<typeof wordsOf>;

const cache = new Map<Locale, Words>();

/** The words for a language, made once. */
export function wordsFor(locale: Locale): Words {
  let words = cache.get(locale);
  if (!words) cache.set(locale, (words = wordsOf(langOf(locale))));
  return words;
}
