import { insertActionItem, recordReviews } from '../db/action-items.js';
import type { ReviewInput } from '../db/action-items.js';
import { insertAgendaItem, updateProceedings } from '../db/agenda.js';
import { findGroupBySlug, insertGroup } from '../db/groups.js';
import type { Db } from '../db/index.js';
import { insertMeeting, nextMeetingNumber } from '../db/meetings.js';
import { insertMembership } from '../db/memberships.js';
import { setMinutesPublished } from '../db/minutes.js';
import { insertPerson, listPeople } from '../db/people.js';
import { insertResolution } from '../db/resolutions.js';

/**
 * A large archive for the benchmark, on top of the demo: what a regional body holds after twenty
 * years. By default 50 groups, 20,000 meetings with 10 agenda items each and a paragraph of Czech
 * proceedings under every item, two resolutions and three tasks a meeting; every task is reviewed
 * as done at its group's next meeting, so that, as in life, only the latest ones stay open. The
 * demo group holds a tenth of it, and its secretary owns a task of each of its meetings.
 */
export interface ArchiveSize {
  groups: number;
  meetings: number;
}

export const fullArchive: ArchiveSize = { groups: 50, meetings: 20_000 };

const ITEMS_PER_MEETING = 10;
const RESOLUTIONS_PER_MEETING = 2;
const TASKS_PER_MEETING = 3;

const topics = [
  'Financování sociálních služeb v kraji',
  'Příprava komunitního plánu na další období',
  'Dotační výzva a hodnocení projektů',
  'Spolupráce s obcemi s rozšířenou působností',
  'Dluhové poradenství a exekuce',
  'Sociální bydlení a prostupné byty',
  'Podpora pečujících osob',
  'Zaměstnávání osob se zdravotním postižením',
  'Informace z jednání krajské koordinační skupiny',
  'Různé',
];

const paragraphs = [
  'Pracovní skupina projednala stav přípravy a shodla se na dalším postupu. Zástupci kraje a města doplnili informace o financování a o spolupráci s neziskovými organizacemi v regionu; termíny budou upřesněny e-mailem.',
  'Předsedající shrnula výsledky dotazníkového šetření mezi poskytovateli. Diskuse se týkala zejména kapacit terénních služeb, čekacích lhůt a dostupnosti služeb v menších obcích; členové doplní podklady do příštího jednání.',
  'Zástupkyně Úřadu práce informovala o změnách v příspěvku na péči a o novém postupu při posuzování. Členové skupiny vznesli dotazy k lhůtám a k součinnosti s obcemi; odpovědi budou rozeslány se zápisem.',
];

const groupNames = ['Senioři', 'Rodina a děti', 'Zdravotní postižení', 'Duševní zdraví', 'Bydlení', 'Zaměstnanost', 'Prevence', 'Menšiny', 'Dobrovolnictví', 'Doprava'];

/** Adds the archive to a database that holds the demo; returns what it added. */
export function generateArchive(db: Db, now: string, size: ArchiveSize = fullArchive): { meetings: number; agendaItems: number; resolutions: number; tasks: number } {
  const demoGroup = findGroupBySlug(db, 'socialni-sluzby');
  const secretary = listPeople(db).find((person) => person.name === 'Lucie Nováková');
  if (!demoGroup || !secretary) throw new Error('load the demo first (npm run demo)');
  const groups: { id: number; members: number[]; meetings: number }[] = [];
  db.transaction(() => {
    for (let n = 1; n < size.groups; n++) {
      const name = `PS ${groupNames[n % groupNames.length]} ${Math.ceil(n / groupNames.length)}`;
      const id = insertGroup(db, { name: `Pracovní skupina ${name.slice(3)}`, nameGenitive: `Pracovní skupiny ${name.slice(3)}`, shortName: name, slug: `archiv-${n}`, description: '', visibility: n % 5 === 0 ? 'members' : 'public', numberingPerYear: false }, now);
      const members = Array.from({ length: 6 }, (_, m) => insertPerson(db, { name: `Člen${m} Skupiny${n}`, title: '', email: '', phone: '' }, now));
      members.forEach((personId, m) => insertMembership(db, id, { personId, role: m === 0 ? 'chair' : m === 1 ? 'secretary' : 'member' }, now));
      groups.push({ id, members, meetings: 0 });
    }
  })();
  // A tenth of the meetings in the demo group, the rest spread over the others.
  const demoMeetings = Math.round(size.meetings / 10);
  // The demo group goes on after its demo meetings of 2018; the others hold the years before.
  const later = { from: '2019-01-10T08:00:00Z', until: '2026-11-01T08:00:00Z' };
  const earlier = { from: '1996-01-10T08:00:00Z', until: '2017-12-01T08:00:00Z' };
  const rest = size.meetings - demoMeetings;
  const plan = [
    { id: demoGroup.id, members: [secretary.id], meetings: demoMeetings, ...later },
    ...groups.map((group, n) => ({ ...group, meetings: Math.floor(rest / groups.length) + (n < rest % groups.length ? 1 : 0), ...earlier })),
  ];
  const totals = { meetings: 0, agendaItems: 0, resolutions: 0, tasks: 0 };
  for (const group of plan) {
    addMeetings(db, now, group, totals);
  }
  return totals;
}

/** One group's meetings, evenly apart (two weeks at most) within its years. */
function addMeetings(
  db: Db,
  now: string,
  group: { id: number; members: number[]; meetings: number; from: string; until: string },
  totals: { meetings: number; agendaItems: number; resolutions: number; tasks: number },
): void {
  const first = Date.parse(group.from);
  const step = Math.min(14 * 86_400_000, Math.floor((Date.parse(group.until) - first) / Math.max(1, group.meetings)));
  let openTasks: number[] = [];
  // A transaction per hundred meetings: fast, and never one huge one.
  for (let start = 0; start < group.meetings; start += 100) {
    db.transaction(() => {
      for (let k = start; k < Math.min(group.meetings, start + 100); k++) {
        const startsAt = new Date(first + k * step).toISOString();
        const meetingId = insertMeeting(db, {
          leadGroupId: group.id, groupIds: [], number: nextMeetingNumber(db, group.id), title: '', startsAt, endsAt: null, timeZone: 'Europe/Prague',
          venueId: null, room: '', onlineUrl: '', status: 'held', chairId: null, minuteTakerId: null, verifierIds: [],
        }, now);
        const texts = new Map<number, string>();
        const items: number[] = [];
        for (let i = 0; i < ITEMS_PER_MEETING; i++) {
          const item = insertAgendaItem(db, meetingId, { parentId: null, title: topics[(i + k) % topics.length], description: '', presenter: '', durationMinutes: 10, fixedStart: null, deferred: false }, now);
          items.push(item);
          texts.set(item, paragraphs[(i + k) % paragraphs.length]);
        }
        updateProceedings(db, meetingId, texts, now);
        // What arose at the previous meeting is reviewed here, done.
        if (openTasks.length) recordReviews(db, meetingId, openTasks.map((actionItemId): ReviewInput => ({ actionItemId, outcome: 'done', note: '' })), now);
        openTasks = [];
        const year = new Date(startsAt).getUTCFullYear();
        for (let r = 0; r < RESOLUTIONS_PER_MEETING; r++) {
          insertResolution(db, { meetingId, groupId: group.id, year, agendaItemId: items[r], text: `Pracovní skupina bere na vědomí informace k bodu ${r + 1} a ukládá členům připravit podklady.`, votesFor: 7, votesAgainst: 0, votesAbstain: 0, outcome: 'adopted', supersedesId: null }, now);
        }
        for (let t = 0; t < TASKS_PER_MEETING; t++) {
          const owner = group.members[(k + t) % group.members.length];
          openTasks.push(insertActionItem(db, meetingId, { agendaItemId: items[t], text: `Připravit podklady k bodu ${t + 1}`, ownerIds: [owner], organisationId: null, dueDate: new Date(Date.parse(startsAt) + 20 * 86_400_000).toISOString().slice(0, 10) }, now));
        }
        setMinutesPublished(db, meetingId, true, now);
        totals.meetings++;
        totals.agendaItems += ITEMS_PER_MEETING;
        totals.resolutions += RESOLUTIONS_PER_MEETING;
        totals.tasks += TASKS_PER_MEETING;
      }
    })();
  }
}
