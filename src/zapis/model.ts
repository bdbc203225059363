import type { ActionItemStatus, ReviewOutcome } from '../db/action-items.js';
import type { MeetingStatus } from '../db/meetings.js';
import type { ResolutionOutcome } from '../db/resolutions.js';

/**
 * The zápis as one viewer may read it, worded and ordered: what present.ts decides and every
 * renderer (the page, PDF, Word, Markdown) lays out. Texts are final; Markdown typed by people
 * stays Markdown (`markdown` fields), for each renderer to render its own way. Links are the app's
 * paths ("/meetings/5") or external addresses; renderers make them absolute or drop them.
 */

/** A piece of text with its marks (never nested: marks are flattened onto the run). */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  code?: boolean;
  /** A link: an app path ("/meetings/5") or an http, https or mailto address. */
  link?: string;
}

/** A label and its value ("Datum: úterý 20. března 2018"). */
export interface Fact {
  key: 'date' | 'time' | 'place' | 'online' | 'groups' | 'chair' | 'minuteTaker' | 'follows' | 'followUps' | 'verifiers';
  label: string;
  value: Run[];
  /** A machine-readable instant for <time>, where the value is one. */
  datetime?: string;
}

/** A meeting named in a zápis: its title and short date, and where it is. */
export interface MeetingRef {
  path: string;
  title: string;
  date: string;
}

/** One line of the Program. */
export interface ProgramEntry {
  id: number;
  /** "2." or "2.b)". */
  marker: string;
  /** "9:30" when the program is timed and the start is known. */
  time: string | null;
  title: string;
  /** "odloženo" when the item is carried over to the next meeting. */
  deferred: string | null;
  /** "předkládá Jana Nováková". */
  presenter: string | null;
  /** "(20 min.)". */
  duration: string | null;
  description: { markdown: string } | null;
  children: ProgramEntry[];
}

export interface Program {
  heading: string;
  entries: ProgramEntry[];
  /** True when some item has a duration or a fixed start: times are shown then. */
  timed: boolean;
  /** What an empty program says. */
  empty: string | null;
  /** "Předpokládaný konec: 11:30". */
  estimatedEnd: string | null;
}

export interface AttendanceSection {
  heading: string;
  /** "Přítomni: …", "Omluveni: …": only the lines that name someone. */
  lines: { label: string; text: string }[];
  /** Said when no line names anyone. */
  empty: string | null;
  /** "Usnášeníschopnost: přítomno 7 z 9 …", once someone recorded who came. */
  /** met is null when the minutes state the count but not whether the body could decide. */
  quorum: { text: string; met: boolean | null } | null;
}

export interface ReviewRow {
  id: number;
  path: string;
  text: string;
  responsible: string;
  previousDueDate: string;
  previousDueIso: string | null;
  outcome: { kind: ReviewOutcome | 'closedOutside' | 'notReviewed'; text: string; note: string };
}

/** Kontrola úkolů: the group's tasks open when this meeting began, and what it found about each. */
export interface ReviewSection {
  heading: string;
  columns: [string, string, string, string];
  rows: ReviewRow[];
}

export interface FileLine {
  id: number;
  path: string;
  title: string;
  originalName: string;
  /** "PDF, 340 kB". */
  meta: string;
  /** "k bodu „…“", in the list of all attachments. */
  item: string | null;
}

export interface ResolutionModel {
  id: number;
  anchor: string;
  /** "3/2018", as the group numbers it. */
  number: string;
  /** "Usnesení č. 3/2018". */
  label: string;
  text: { markdown: string };
  /** "Hlasování: pro 7 : proti 0 : zdrželo se 0". */
  votes: string | null;
  outcome: { value: ResolutionOutcome; text: string };
  supersedes: { text: string; path: string } | null;
}

export interface TaskModel {
  id: number;
  path: string;
  text: string;
  /** The people and the organisation, or the words for nobody. */
  responsible: string;
  dueDate: string;
  dueIso: string | null;
  status: { value: ActionItemStatus; text: string };
  overdue: boolean;
  /** "Úkol: text — Zodpovídá: …, Termín: …", as it stands under its agenda item. */
  line: Run[];
}

export interface TaskTable {
  heading: string;
  columns: [string, string, string, string];
  rows: TaskModel[];
}

/** One agenda item in Průběh jednání. */
export interface ProceedingsItem {
  id: number;
  anchor: string;
  /** 3 for an item, 4 for a sub-item. */
  level: 3 | 4;
  /** "2." or "2.b)". */
  marker: string;
  title: string;
  text: { markdown: string } | null;
  files: FileLine[];
  resolutions: ResolutionModel[];
  tasks: TaskModel[];
}

export interface Proceedings {
  heading: string;
  review: ReviewSection | null;
  /** "Zápis z jednání zatím nebyl zveřejněn." when there are no minutes to read. */
  notice: string | null;
  /** Resolutions of no agenda item adopted at the start, before item 1 (approving the program). */
  opening: ResolutionModel[];
  items: ProceedingsItem[];
  /** Resolutions of no agenda item adopted at the end ("mimo program"). */
  resolutions: ResolutionModel[];
}

export interface NotesSection {
  heading: string;
  text: { markdown: string };
}

export interface Signatures {
  writtenBy: { label: string; names: string } | null;
  verifiedBy: { label: string; names: string } | null;
  /** "Datum: ______": a line to date the signature on paper. */
  dateLine: string;
}

export interface Funding {
  project: string;
  registration: string | null;
  /** Project and registration number on one line, as a footer prints them. */
  line: string;
  /** Where the project's logo is served, when it has one. */
  logoPath: string | null;
}

export interface ZapisModel {
  meetingId: number;
  /** The viewer writes in the lead group: the page offers its tools, exports carry the draft mark. */
  canWrite: boolean;
  status: { value: MeetingStatus; text: string };
  /** "č. 3/2018" for groups that number per year. */
  yearNumber: string | null;
  /** "20. 3. 2018". */
  shortDate: string;
  /** The meeting's local start, ISO with offset (for <time>). */
  startIso: string;
  /** The meeting's title ("10. setkání …"). */
  title: string;
  /** "Zápis z 10. setkání …" once there are minutes to read (or the meeting was held), else the title. */
  heading: string;
  /** For writers, while minutes with content are unpublished. */
  draft: { mark: string; note: string; hint: string } | null;
  /** When the minutes were published ("Zápis zveřejněn 21. 3. 2018."), for writers. */
  publishedNote: string | null;
  /** "Bez záznamu prezence: 3", for writers while some listed people have no status yet. */
  attendanceUnmarked: string | null;
  facts: Fact[];
  attendance: AttendanceSection | null;
  program: Program;
  opening: NotesSection | null;
  proceedings: Proceedings;
  tasks: TaskTable | null;
  closing: NotesSection | null;
  attachments: { heading: string; files: FileLine[] } | null;
  signatures: Signatures | null;
  funding: Funding | null;
  /** The group the zápis belongs to for this viewer: the lead group, or the one they see the meeting through. */
  homeGroup: { name: string; shortName: string; slug: string } | null;
  /** Minutes to read: the PDF, Word and Markdown downloads are offered. */
  hasMinutesToRead: boolean;
  previous: MeetingRef | null;
  next: MeetingRef | null;
  /** "zápis-ps-sociální-služby-10-2018-03-20": what its downloads are called, before the extension. */
  fileName: string;
}
