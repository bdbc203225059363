import { DateTime } from 'luxon';
import { addDays } from './clock.js';
import type { Clock } from './clock.js';
import type { Db } from './db/index.js';
import { insertAccount } from './db/accounts.js';
import { insertAgendaItem, listAgendaItems, updateProceedings } from './db/agenda.js';
import { insertActionItem, listActionItemsOfMeeting, recordReviews } from './db/action-items.js';
import { insertResolution } from './db/resolutions.js';
import { setAttendanceBySheet } from './db/attendance.js';
import type { AgendaItemInput } from './db/agenda.js';
import { insertGroup } from './db/groups.js';
import { insertMeeting, linkFollowUp } from './db/meetings.js';
import type { MeetingInput } from './db/meetings.js';
import { insertMembership } from './db/memberships.js';
import type { Role } from './db/memberships.js';
import { saveMinutesNotes, setMinutesPublished } from './db/minutes.js';
import { insertOrganisation } from './db/organisations.js';
import { insertPerson, listPeople } from './db/people.js';
import { insertVenue } from './db/venues.js';
import { hashPassword } from './passwords.js';

/**
 * The demo dataset, built from the real documents in shared/seeds: the 10th meeting of the
 * "Odborná pracovní skupina Sociální služby" of the Liberec region's employment pact (seed 003),
 * its 11th meeting and the joint meeting of the pact's working groups. Organisations and places
 * are real; the people are invented, because the seed names roles, not persons.
 */

const ZONE = 'Europe/Prague';

/** A local Prague date and time as a stored UTC instant. */
const at = (date: string, time: string): string =>
  DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toUTC().toISO({ suppressMilliseconds: true }) as string;

type Item = Partial<AgendaItemInput> & { title: string; proceedings?: string; children?: Item[] };

function addAgenda(db: Db, now: string, meetingId: number, items: Item[], parentId: number | null = null): void {
  const proceedings = new Map<number, string>();
  for (const { children, proceedings: text, ...item } of items) {
    const id = insertAgendaItem(db, meetingId, {
      parentId,
      description: '',
      presenter: '',
      durationMinutes: null,
      fixedStart: null,
      deferred: false,
      ...item,
    }, now);
    if (text) proceedings.set(id, text);
    if (children) addAgenda(db, now, meetingId, children, id);
  }
  updateProceedings(db, meetingId, proceedings, now);
}

const meetingDefaults = {
  groupIds: [] as number[],
  title: '',
  endsAt: null,
  timeZone: ZONE,
  venueId: null,
  room: '',
  onlineUrl: '',
  chairId: null,
  minuteTakerId: null,
  verifierIds: [] as number[],
} satisfies Partial<MeetingInput>;

/** Fills an empty database with the demo dataset; returns what the benchmark and README point at. */
export function loadDemoData(db: Db, clock: Clock): { tenthMeetingId: number; groupSlug: string } {
  const now = clock.now();
  return db.transaction(() => {
    const org = (name: string, shortName = '') => insertOrganisation(db, { name, shortName }, now);
    const annolk = org('Asociace nestátních neziskových organizací Libereckého kraje', 'ANNOLK');
    const kraj = org('Krajský úřad Libereckého kraje', 'KÚ LK');
    const mesto = org('Statutární město Liberec', 'SML');
    const up = org('Úřad práce České republiky – krajská pobočka v Liberci', 'ÚP ČR');
    const tul = org('Technická univerzita v Liberci', 'TUL');
    const komora = org('Krajská hospodářská komora Libereckého kraje', 'KHK LK');
    const adra = org('ADRA, o.p.s. – Regionální dobrovolnické centrum Libereckého kraje', 'ADRA');

    const person = (name: string, title: string, organisationId: number, email = '') =>
      insertPerson(db, { name, title, email, phone: '', organisationId }, now);
    const dvorakova = person('Alena Dvořáková', 'Mgr.', annolk, 'alena.dvorakova@example.org');
    const novakova = person('Lucie Nováková', 'Bc.', annolk, 'lucie.novakova@example.org');
    const benes = person('Tomáš Beneš', 'Ing.', kraj, 'tomas.benes@example.org');
    const kucerova = person('Martina Kučerová', 'Mgr.', up);
    const prochazka = person('Jan Procházka', 'doc. Ing.', tul);
    const maresova = person('Eva Marešová', 'Mgr.', mesto);
    const stastna = person('Pavla Šťastná', '', adra);
    const cerny = person('Karel Černý', 'Ing.', komora);

    const venue = (name: string, street: string, postalCode: string, town: string, defaultRoom: string) =>
      insertVenue(db, { name, street, postalCode, town, defaultRoom, notes: '' }, now);
    const annolkOffice = venue('ANNOLK', 'U Nisy 362/6', '460 01', 'Liberec', 'zasedací místnost, 2. patro');
    const krajskyUrad = venue('Krajský úřad Libereckého kraje', 'U Jezu 642/2a', '461 80', 'Liberec', 'zasedací místnost 326a');
    const iqLandia = venue('iQLANDIA', 'Nitranská 410/1', '460 07', 'Liberec', '');

    const group = (input: { name: string; nameGenitive: string; shortName: string; slug: string; description: string; umbrellaId?: number }) =>
      insertGroup(db, { visibility: 'public', numberingPerYear: false, umbrellaId: null, ...input }, now);
    const pakt = group({
      name: 'Pakt zaměstnanosti Libereckého kraje',
      nameGenitive: 'Paktu zaměstnanosti Libereckého kraje',
      shortName: 'PZLK',
      slug: 'pakt-zamestnanosti',
      description:
        'Partnerství kraje, měst, úřadu práce, zaměstnavatelů, škol a neziskových organizací pro zaměstnanost v Libereckém kraji. ' +
        'Pod paktem pracují odborné pracovní skupiny.',
    });
    const socialni = group({
      name: 'Odborná pracovní skupina Sociální služby',
      nameGenitive: 'Odborné pracovní skupiny Sociální služby',
      shortName: 'PS Sociální služby',
      slug: 'socialni-sluzby',
      umbrellaId: pakt,
      description:
        'Odborná pracovní skupina Paktu zaměstnanosti Libereckého kraje pro sociální služby a **sociální podnikání**. ' +
        'Schází se zpravidla jednou měsíčně; zápisy zveřejňuje asistentka skupiny.',
    });
    const vzdelavani = group({
      name: 'Odborná pracovní skupina Vzdělávání',
      nameGenitive: 'Odborné pracovní skupiny Vzdělávání',
      shortName: 'PS Vzdělávání',
      slug: 'vzdelavani',
      umbrellaId: pakt,
      description: 'Spolupráce škol, zaměstnavatelů a úřadu práce na odborném vzdělávání a dalším vzdělávání dospělých.',
    });
    const zamestnanost = group({
      name: 'Odborná pracovní skupina Zaměstnanost',
      nameGenitive: 'Odborné pracovní skupiny Zaměstnanost',
      shortName: 'PS Zaměstnanost',
      slug: 'zamestnanost',
      umbrellaId: pakt,
      description: 'Nástroje aktivní politiky zaměstnanosti a uplatnění znevýhodněných lidí na trhu práce.',
    });

    const member = (groupId: number, personId: number, role: Role) => insertMembership(db, groupId, { personId, role, since: '2016-01-01' }, now);
    member(socialni, dvorakova, 'chair');
    member(socialni, novakova, 'secretary');
    for (const personId of [benes, kucerova, maresova, stastna]) member(socialni, personId, 'member');
    member(socialni, prochazka, 'guest');
    member(vzdelavani, prochazka, 'chair');
    member(vzdelavani, kucerova, 'member');
    member(zamestnanost, kucerova, 'chair');
    member(zamestnanost, cerny, 'member');
    member(pakt, benes, 'chair');
    member(pakt, novakova, 'secretary');

    const tenthMeetingId = insertMeeting(db, {
      ...meetingDefaults,
      leadGroupId: socialni,
      number: 10,
      startsAt: at('2018-03-20', '09:30'),
      endsAt: at('2018-03-20', '11:30'),
      venueId: annolkOffice,
      room: 'zasedací místnost, 2. patro',
      status: 'held',
      chairId: dvorakova,
      minuteTakerId: novakova,
      verifierIds: [benes],
    }, now);
    addAgenda(db, now, tenthMeetingId, tenthMeetingAgenda);
    saveMinutesNotes(db, tenthMeetingId, {
      openingNotes: 'Setkání zahájila a řídila předsedkyně pracovní skupiny. Přítomní byli seznámeni s programem, který byl bez připomínek schválen.',
      closingNotes: 'Příští pracovní setkání se zástupci Libereckého kraje proběhne v dubnu 2018, rozšířené setkání skupiny s dalšími partnery v květnu 2018.',
    }, now);
    addDecisionsOfTenth(db, now, tenthMeetingId, socialni, { chair: dvorakova, secretary: novakova, annolk });
    // The seed names no attendees: the signed sheet is what counts.
    setAttendanceBySheet(db, tenthMeetingId, true);
    setMinutesPublished(db, tenthMeetingId, true, now);

    const eleventh = insertMeeting(db, {
      ...meetingDefaults,
      leadGroupId: socialni,
      number: 11,
      startsAt: at('2018-04-18', '13:00'),
      endsAt: at('2018-04-18', '15:00'),
      venueId: krajskyUrad,
      room: 'zasedací místnost 326a',
      status: 'held',
      chairId: dvorakova,
      minuteTakerId: novakova,
    }, now);
    addAgenda(db, now, eleventh, eleventhMeetingAgenda);
    reviewTasksAtEleventh(db, now, tenthMeetingId, eleventh, novakova);
    // Its minutes are the Kontrola úkolů so far: published, so that the tasks' status is public too.
    setMinutesPublished(db, eleventh, true, now);
    // The seed's 10th meeting planned two follow-ups: the working meeting with the region in April
    // (the 11th) and the extended round table with further partners in May.
    linkFollowUp(db, eleventh, tenthMeetingId);
    const roundTable = insertMeeting(db, {
      ...meetingDefaults,
      leadGroupId: socialni,
      number: 12,
      title: 'Rozšířené setkání pracovní skupiny – kulatý stůl „Sociální podnikání v Libereckém kraji“',
      startsAt: at('2018-05-22', '09:00'),
      endsAt: at('2018-05-22', '12:00'),
      venueId: krajskyUrad,
      status: 'planned',
      chairId: dvorakova,
      minuteTakerId: novakova,
    }, now);
    linkFollowUp(db, roundTable, tenthMeetingId);
    addAgenda(db, now, roundTable, [
      { title: 'Kontrola zápisu a úkolů z minulého jednání', durationMinutes: 10 },
      { title: 'Sociální ekonomika v ČR a krajské sociální podniky – příklady dobré praxe', durationMinutes: 45 },
      { title: 'Filantropická burza v Libereckém kraji – možnosti založení a přínos', durationMinutes: 30 },
      { title: 'Různé', durationMinutes: 15 },
    ]);

    const joint = insertMeeting(db, {
      ...meetingDefaults,
      leadGroupId: pakt,
      groupIds: [socialni, vzdelavani, zamestnanost],
      number: 1,
      title: 'Společné setkání pracovních skupin PZLK',
      startsAt: at('2018-10-25', '09:30'),
      endsAt: at('2018-10-25', '12:30'),
      venueId: iqLandia,
      status: 'held',
      chairId: benes,
      minuteTakerId: novakova,
    }, now);
    addAgenda(db, now, joint, jointMeetingAgenda);

    // Something ahead, so that a newcomer's overview has an upcoming meeting too.
    const nextMonth = addDays(clock.today(), 21);
    const upcoming = insertMeeting(db, {
      ...meetingDefaults,
      leadGroupId: zamestnanost,
      number: 5,
      startsAt: at(nextMonth, '10:00'),
      endsAt: at(nextMonth, '12:00'),
      venueId: krajskyUrad,
      room: 'zasedací místnost 326a',
      status: 'planned',
      chairId: kucerova,
      minuteTakerId: novakova,
    }, now);
    addAgenda(db, now, upcoming, [
      { title: 'Kontrola zápisu a úkolů z minulého jednání', durationMinutes: 10 },
      { title: 'Nástroje aktivní politiky zaměstnanosti v roce 2019', presenter: 'Mgr. Martina Kučerová (ÚP ČR)', durationMinutes: 45 },
      { title: 'Zaměstnávání lidí se zdravotním postižením', durationMinutes: 45 },
      { title: 'Různé', durationMinutes: 15 },
    ]);

    return { tenthMeetingId, groupSlug: 'socialni-sluzby' };
  })();
}

/** The one password of every demo account: printed by `npm run demo`, so never for real use. */
export const DEMO_PASSWORD = 'zapisnik-demo';

/** A demo account: who it is and what it shows off. */
export interface DemoAccount {
  email: string;
  /** The demo person it belongs to; undefined for the administrator, a person of its own. */
  personName: string | undefined;
  isAdmin: boolean;
  /** What the account can show, for the demo command to print. */
  role: string;
}

/** One account per kind of viewer the access rules know, on fixed demo-only addresses. */
export const demoAccounts: readonly DemoAccount[] = [
  { email: 'spravce@demo.zapisnik.cz', personName: undefined, isAdmin: true, role: 'administrator' },
  { email: 'tajemnice@demo.zapisnik.cz', personName: 'Lucie Nováková', isAdmin: false, role: 'secretary of PS Sociální služby (writes its agendas and minutes)' },
  { email: 'clen@demo.zapisnik.cz', personName: 'Eva Marešová', isAdmin: false, role: 'member of PS Sociální služby (reads, does not write)' },
  { email: 'host@demo.zapisnik.cz', personName: 'Karel Černý', isAdmin: false, role: 'user outside PS Sociální služby (a member of PS Zaměstnanost only)' },
];

/** Gives the demo people (loaded by loadDemoData first) their accounts, all with DEMO_PASSWORD. */
export async function createDemoAccounts(db: Db, clock: Clock, env: 'production' | 'development' | 'test'): Promise<readonly DemoAccount[]> {
  // Hashed once, before the transaction: a transaction cannot wait for a promise.
  const passwordHash = await hashPassword(DEMO_PASSWORD, env);
  const now = clock.now();
  db.transaction(() => {
    const people = listPeople(db);
    for (const { email, personName, isAdmin } of demoAccounts) {
      const personId =
        personName === undefined
          ? insertPerson(db, { name: 'Správce Zápisníku', title: '', email, phone: '', organisationId: null }, now)
          : people.find((person) => person.name === personName)?.id;
      if (personId === undefined) throw new Error(`The demo person ${personName} is missing: load the demo data first.`);
      insertAccount(db, { personId, email, isAdmin, passwordHash }, now);
    }
  })();
  return demoAccounts;
}

/** What the 10th meeting decided and who took on what, on the agenda items where it happened. */
function addDecisionsOfTenth(db: Db, now: string, meetingId: number, groupId: number, who: { chair: number; secretary: number; annolk: number }): void {
  const item = (position: number) => listAgendaItems(db, meetingId)[position - 1].id;
  const resolution = (agendaItemId: number, text: string) =>
    insertResolution(db, { meetingId, groupId, year: 2018, agendaItemId, text, votesFor: 7, votesAgainst: 0, votesAbstain: 0, outcome: 'adopted', supersedesId: null }, now);
  resolution(
    item(1),
    'Pracovní skupina schvaluje postup: nejprve pracovní setkání se zástupci Libereckého kraje (duben 2018), ' +
      'následně rozšířené setkání s dalšími partnery (květen 2018).',
  );
  resolution(item(2), 'Pracovní skupina schvaluje témata rozšířeného jednání a) až e) uvedená v průběhu jednání; do realizace setkání je lze doplnit.');
  const task = (agendaItemId: number, text: string, dueDate: string, responsible: { ownerIds?: number[]; organisationId?: number }) =>
    insertActionItem(db, meetingId, { agendaItemId, text, dueDate, ownerIds: responsible.ownerIds ?? [], organisationId: responsible.organisationId ?? null }, now);
  task(item(6), 'Dohodnout termín dubnového jednání se zástupci Libereckého kraje', '2018-03-30', { ownerIds: [who.chair] });
  task(item(5), 'Zajistit prostory pro jednání na Krajském úřadě Libereckého kraje nebo v IQ parku Liberec', '2018-04-06', { ownerIds: [who.secretary] });
  task(item(3), 'Oslovit zástupce Moravskoslezského, Pardubického a Jihočeského kraje s pozvánkou na rozšířené setkání', '2018-04-30', { organisationId: who.annolk });
}

/** The 11th meeting's Kontrola úkolů (two tasks done, one with a new deadline) and its own new task. */
function reviewTasksAtEleventh(db: Db, now: string, tenthMeetingId: number, eleventhMeetingId: number, secretary: number): void {
  const [termin, prostory, kraje] = listActionItemsOfMeeting(db, tenthMeetingId).map((row) => row.id);
  recordReviews(db, eleventhMeetingId, [
    { actionItemId: termin, outcome: 'done', note: 'Pracovní setkání se koná dnes, 18. 4. 2018.' },
    { actionItemId: prostory, outcome: 'done', note: 'Zasedací místnost 326a na Krajském úřadě.' },
    { actionItemId: kraje, outcome: 'rescheduled', dueDate: '2018-05-15', note: 'Pardubický kraj zatím neodpověděl.' },
  ], now);
  const other = listAgendaItems(db, eleventhMeetingId).at(-1)?.id ?? null;
  insertActionItem(db, eleventhMeetingId, {
    agendaItemId: other,
    text: 'Rozeslat pozvánky na rozšířené setkání (kulatý stůl) všem navrženým účastníkům',
    ownerIds: [secretary],
    organisationId: null,
    dueDate: '2018-05-11',
  }, now);
}

const tenthMeetingAgenda: Item[] = [
  {
    title: 'Příprava rozšířeného jednání pracovní skupiny sociální na téma „Sociální podnikání v Libereckém kraji“',
    description: 'Východiska setkání.',
    presenter: 'ANNOLK',
    proceedings:
      'Zástupkyně ANNOLK úvodem setkání představila historii jednání, která v minulých letech proběhla na téma sociálního podnikání ' +
      's různými aktéry Libereckého kraje (mezi roky 2011 a 2016), shrnula témata, kterým byla jednání věnována, a především potřebu ' +
      'posunout komunikaci se zástupci Libereckého kraje směrem k aktuálním tématům této oblasti. Dosavadní postoj Libereckého kraje ' +
      'i města Liberce k sociálnímu podnikání vnímá předsedkyně ANNOLK jako pasivní a i odmítavý. Přínos podpory sociálního podnikání ' +
      'ze strany kraje a měst pak dokládá i na příkladech dobré praxe z jiných krajů ČR a příklady z EU, kde se zúčastnila konference ' +
      'na toto téma.\n\n' +
      'Pracovní skupina se shoduje na postupu obnovit jednání se zástupci Libereckého kraje a dalšími relevantními partnery. ' +
      'Jako vhodnou cestu vidí zrealizovat nejprve **pracovní setkání se zástupci Libereckého kraje (duben 2018)** a následně ' +
      'v rámci **rozšířeného setkání s dalšími partnery (květen 2018)**.',
  },
  {
    title: 'Stanovení odborného obsahu rozšířeného setkání skupiny',
    proceedings:
      'Pracovní skupina stanovila následující témata pro rozšířené jednání pracovní skupiny:\n\n' +
      'a) Zahájení kulatého stolu, aktuální informace k tématu sociálního podnikání\n' +
      'b) Sociální ekonomika v ČR a krajské sociální podniky – příklady dobré praxe a možnost jejich implementace v Libereckém kraji\n' +
      'c) Sociálně podnikatelská platforma ANNOLK s Platformou NNO ČR – možnosti spolupráce a vzdělávání\n' +
      'd) Filantropická burza v Libereckém kraji – možnosti založení a přínos\n' +
      'e) Cíle rozvoje a podpory sociálního podnikání a sociální ekonomiky v Libereckém kraji, ČR a EU pro období 2018–2020\n\n' +
      'Témata budou do realizace rozšířeného setkání dle potřeby upravena a doplněna.',
  },
  {
    title: 'Zajištění příkladů dobré praxe z jiných krajů a ze zahraničí',
    proceedings:
      'V rámci příkladů dobré praxe přednese na rozšířeném setkání předsedkyně ANNOLK informace, které získala na konferenci ' +
      'o sociálním podnikání v EU. Na rozšířeném setkání budou dle pozvání představitelé z jiných krajů, kde je realizováno nebo ' +
      'připravováno sociální podnikání formou krajských sociálních podniků, ke zhodnocení přínosu a negativ fungování krajských ' +
      'sociálních podniků (Moravskoslezský kraj, Pardubický kraj, Jihočeský kraj).',
  },
  {
    title: 'Výběr účastníků rozšířeného setkání',
    proceedings:
      'Jako potenciální účastníci jednání jsou navrženi zástupci Libereckého kraje, města Liberce, komory, Technické univerzity ' +
      'v Liberci, Svazu průmyslu a dopravy ČR, Krajské a okresní hospodářské rady a MKOS, Úřadu práce ČR, zástupců sociálních ' +
      'podniků v Libereckém kraji ad.',
  },
  {
    title: 'Zajištění prostor pro přípravné jednání',
    proceedings: 'Prostory pro jednání budou zajištěny na Krajském úřadě Libereckého kraje nebo v IQ parku Liberec.',
  },
  {
    title: 'Přípravné setkání se zástupci Libereckého kraje',
    proceedings: 'Bude dohodnut termín dubnového jednání.',
  },
];

const eleventhMeetingAgenda: Item[] = [
  { title: 'Zahájení kulatého stolu, aktuální informace k tématu sociálního podnikání', durationMinutes: 15 },
  {
    title: 'Sociální ekonomika v ČR a krajské sociální podniky – příklady dobré praxe a možnost jejich implementace v Libereckém kraji',
    durationMinutes: 30,
  },
  { title: 'Sociálně podnikatelská platforma ANNOLK s Platformou NNO ČR – možnosti spolupráce a vzdělávání', durationMinutes: 20 },
  { title: 'Filantropická burza v Libereckém kraji – možnosti založení a přínos', durationMinutes: 20 },
  { title: 'Cíle rozvoje a podpory sociálního podnikání a sociální ekonomiky v Libereckém kraji, ČR a EU pro období 2018–2020', durationMinutes: 25 },
  { title: 'Různé', durationMinutes: 10 },
];

const jointMeetingAgenda: Item[] = [
  { title: 'Planetárium – komentované představení', fixedStart: '09:30', durationMinutes: 60 },
  {
    title: 'Společné zasedání pracovních skupin PZLK',
    fixedStart: '10:30',
    children: [
      { title: 'Činnost paktu v roce 2018', presenter: 'Ing. Tomáš Beneš', durationMinutes: 20 },
      { title: 'Zprávy z pracovních skupin', durationMinutes: 40 },
      { title: 'Plán činnosti na rok 2019', durationMinutes: 30 },
    ],
  },
  { title: 'Různé a závěr', durationMinutes: 30 },
];
