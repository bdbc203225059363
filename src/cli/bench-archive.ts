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
 * years. By default 50 groups, 20,000 meetings with 10 agenda items each and 2–4 sentences of Czech
 * proceedings under every item, two resolutions and three tasks a meeting; every task is reviewed
 * as done at its group's next meeting, so that, as in life, only the latest ones stay open. The
 * demo group holds a tenth of it, and its secretary owns a task of each of its meetings.
 *
 * The text varies as real minutes do, so that a search finds what it would in a real archive:
 * each group sits in a region with its towns and its own people; each meeting takes 8 topics of
 * about a hundred (some come up at most meetings, named projects at few) between its opening and
 * "Různé", and each item's proceedings are sentences drawn the same way, with names, places,
 * sums and dates filled in; a few rare events occur in a handful of meetings. A seeded generator
 * makes the same archive, word for word, on every run.
 */
export interface ArchiveSize {
  groups: number;
  meetings: number;
}

export const fullArchive: ArchiveSize = { groups: 50, meetings: 20_000 };

const ITEMS_PER_MEETING = 10;
const RESOLUTIONS_PER_MEETING = 2;
const TASKS_PER_MEETING = 3;
// Rare events: about one item in 2,000 tells of one, so each is in a dozen meetings or so.
const RARE_EVENT_CHANCE = 1 / 2_000;

// ------------------------------------------------------------------ the words of the archive

/** A region: nominative, genitive and locative ("v …"), as the sentences need them. */
type Region = readonly [name: string, of: string, inside: string, towns: readonly Town[]];
/** A town: nominative and locative ("v …"). */
type Town = readonly [name: string, inside: string];

const regions: readonly Region[] = [
  ['Hlavní město Praha', 'hlavního města Prahy', 'v hlavním městě Praze', [['Praha', 'v Praze']]],
  ['Středočeský kraj', 'Středočeského kraje', 've Středočeském kraji', [['Kladno', 'na Kladně'], ['Mladá Boleslav', 'v Mladé Boleslavi'], ['Kolín', 'v Kolíně']]],
  ['Jihočeský kraj', 'Jihočeského kraje', 'v Jihočeském kraji', [['České Budějovice', 'v Českých Budějovicích'], ['Tábor', 'v Táboře'], ['Písek', 'v Písku']]],
  ['Plzeňský kraj', 'Plzeňského kraje', 'v Plzeňském kraji', [['Plzeň', 'v Plzni'], ['Klatovy', 'v Klatovech'], ['Domažlice', 'v Domažlicích']]],
  ['Karlovarský kraj', 'Karlovarského kraje', 'v Karlovarském kraji', [['Karlovy Vary', 'v Karlových Varech'], ['Cheb', 'v Chebu'], ['Sokolov', 'v Sokolově']]],
  ['Ústecký kraj', 'Ústeckého kraje', 'v Ústeckém kraji', [['Ústí nad Labem', 'v Ústí nad Labem'], ['Most', 'v Mostě'], ['Děčín', 'v Děčíně'], ['Teplice', 'v Teplicích']]],
  ['Liberecký kraj', 'Libereckého kraje', 'v Libereckém kraji', [['Liberec', 'v Liberci'], ['Jablonec nad Nisou', 'v Jablonci nad Nisou'], ['Česká Lípa', 'v České Lípě'], ['Semily', 'v Semilech']]],
  ['Královéhradecký kraj', 'Královéhradeckého kraje', 'v Královéhradeckém kraji', [['Hradec Králové', 'v Hradci Králové'], ['Trutnov', 'v Trutnově'], ['Náchod', 'v Náchodě']]],
  ['Pardubický kraj', 'Pardubického kraje', 'v Pardubickém kraji', [['Pardubice', 'v Pardubicích'], ['Chrudim', 'v Chrudimi'], ['Svitavy', 've Svitavách']]],
  ['Kraj Vysočina', 'Kraje Vysočina', 'v Kraji Vysočina', [['Jihlava', 'v Jihlavě'], ['Třebíč', 'v Třebíči'], ['Havlíčkův Brod', 'v Havlíčkově Brodě']]],
  ['Jihomoravský kraj', 'Jihomoravského kraje', 'v Jihomoravském kraji', [['Brno', 'v Brně'], ['Znojmo', 've Znojmě'], ['Hodonín', 'v Hodoníně'], ['Břeclav', 'v Břeclavi']]],
  ['Olomoucký kraj', 'Olomouckého kraje', 'v Olomouckém kraji', [['Olomouc', 'v Olomouci'], ['Prostějov', 'v Prostějově'], ['Přerov', 'v Přerově'], ['Šumperk', 'v Šumperku']]],
  ['Zlínský kraj', 'Zlínského kraje', 've Zlínském kraji', [['Zlín', 've Zlíně'], ['Kroměříž', 'v Kroměříži'], ['Vsetín', 've Vsetíně'], ['Uherské Hradiště', 'v Uherském Hradišti']]],
  ['Moravskoslezský kraj', 'Moravskoslezského kraje', 'v Moravskoslezském kraji', [['Ostrava', 'v Ostravě'], ['Opava', 'v Opavě'], ['Karviná', 'v Karviné'], ['Frýdek-Místek', 've Frýdku-Místku'], ['Havířov', 'v Havířově']]],
];
const LIBERECKY_KRAJ = 6;

const organisations = [
  'ANNOLK', 'Charita', 'Diakonie ČCE', 'Člověk v tísni', 'Armáda spásy', 'Naděje', 'Fokus', 'Rytmus', 'ADRA', 'Centrum pro rodinu',
  'Krajská hospodářská komora', 'Svaz měst a obcí', 'Asociace poskytovatelů sociálních služeb', 'Probační a mediační služba', 'Kolpingova rodina',
];

const femaleNames = ['Alena', 'Lucie', 'Eva', 'Martina', 'Pavla', 'Jana', 'Petra', 'Hana', 'Lenka', 'Kateřina', 'Markéta', 'Zuzana', 'Veronika', 'Ivana', 'Michaela', 'Barbora'];
const maleNames = ['Tomáš', 'Jan', 'Karel', 'Petr', 'Martin', 'Jiří', 'Pavel', 'Josef', 'Miroslav', 'Lukáš', 'Ondřej', 'David', 'Radek', 'Vojtěch', 'Michal'];
// Each surname as a man and as a woman bears it.
const surnames: readonly (readonly [string, string])[] = [
  ['Novák', 'Nováková'], ['Svoboda', 'Svobodová'], ['Dvořák', 'Dvořáková'], ['Černý', 'Černá'], ['Procházka', 'Procházková'], ['Kučera', 'Kučerová'],
  ['Veselý', 'Veselá'], ['Horák', 'Horáková'], ['Němec', 'Němcová'], ['Marek', 'Marková'], ['Pokorný', 'Pokorná'], ['Pospíšil', 'Pospíšilová'],
  ['Hájek', 'Hájková'], ['Jelínek', 'Jelínková'], ['Král', 'Králová'], ['Růžička', 'Růžičková'], ['Fiala', 'Fialová'], ['Sedláček', 'Sedláčková'],
  ['Doležal', 'Doležalová'], ['Zeman', 'Zemanová'], ['Kolář', 'Kolářová'], ['Navrátil', 'Navrátilová'], ['Čermák', 'Čermáková'], ['Vaněk', 'Vaňková'],
  ['Urban', 'Urbanová'], ['Blažek', 'Blažková'], ['Kříž', 'Křížová'], ['Kovář', 'Kovářová'], ['Bartoš', 'Bartošová'], ['Vlček', 'Vlčková'],
  ['Polák', 'Poláková'], ['Musil', 'Musilová'], ['Šimek', 'Šimková'], ['Konečný', 'Konečná'], ['Holub', 'Holubová'], ['Štěpánek', 'Štěpánková'],
  ['Kadlec', 'Kadlecová'], ['Staněk', 'Staňková'], ['Lukáš', 'Lukášová'], ['Mach', 'Machová'],
];
// The people of the demo group, who speak in its meetings.
const demoPeople = ['Alena Dvořáková', 'Lucie Nováková', 'Tomáš Beneš', 'Martina Kučerová', 'Eva Marešová', 'Pavla Šťastná'];

const OPENING = 'Zahájení, schválení programu a kontrola plnění úkolů';
const CLOSING = 'Různé';

// Most frequent first: a meeting draws its topics with a skew towards the start of the list.
const topics = [
  'Financování sociálních služeb {kraje}',
  'Síť sociálních služeb {kraje} na rok {nextYear}',
  'Informace z jednání krajské koordinační skupiny',
  'Dotační řízení MPSV na rok {nextYear}',
  'Komunitní plánování sociálních služeb ve městě {town}',
  'Sociální bydlení a prostupné byty',
  'Dluhové poradenství a exekuce',
  'Zaměstnávání osob se zdravotním postižením',
  'Spolupráce s obcemi s rozšířenou působností',
  'Střednědobý plán rozvoje sociálních služeb {kraje}',
  'Aktivní politika zaměstnanosti – informace Úřadu práce',
  'Podpora pečujících osob a odlehčovací služby',
  'Příspěvek na péči – změny v posuzování',
  'Terénní sociální práce v obcích',
  'Sociální podnikání {inRegion}',
  'Individuální projekt kraje – podpora sociálních služeb',
  'Senioři a dostupnost pobytových služeb',
  'Evropský sociální fond plus – výzvy a harmonogram',
  'Operační program Zaměstnanost plus',
  'Koncepce sociálního bydlení ve městě {town}',
  'Aktualizace katalogu sociálních služeb',
  'Domovy se zvláštním režimem – čekací lhůty',
  'Reforma psychiatrické péče a centra duševního zdraví',
  'Pakt zaměstnanosti {kraje}',
  'Chráněný trh práce a náhradní plnění',
  'Osobní asistence a pečovatelská služba',
  'Sociálně aktivizační služby pro rodiny s dětmi',
  'Prevence kriminality ve městě {town}',
  'Sociálně vyloučené lokality – spolupráce s Agenturou pro sociální začleňování',
  'Standardy kvality sociálních služeb a inspekce',
  'Vzdělávání pracovníků v sociálních službách',
  'Mzdy a platy v sociálních službách',
  'Azylové domy a noclehárny v zimním období',
  'Finanční gramotnost a prevence zadlužení',
  'Veřejně prospěšné práce a společensky účelná pracovní místa',
  'Raná péče a podpora rodin s dětmi',
  'Náhradní rodinná péče a pěstounství',
  'Integrovaný regionální operační program – investice do zařízení',
  'Regionální stálá konference {kraje}',
  'Zpráva o činnosti pracovní skupiny za rok {lastYear}',
  'Plán činnosti pracovní skupiny na rok {year}',
  'Transformace pobytových služeb pro osoby se zdravotním postižením',
  'Protidrogová politika a kontaktní centra',
  'Zdravotně sociální pomezí',
  'Hospicová a paliativní péče',
  'Tísňová péče a asistivní technologie',
  'Denní stacionáře a centra denních služeb',
  'Sociální rehabilitace a podporované zaměstnávání',
  'Nezaměstnanost absolventů a mladistvých',
  'Romská integrace a romští koordinátoři',
  'Integrace cizinců',
  'Domácí násilí a intervenční centrum',
  'Krizová pomoc a linka důvěry',
  'Dobrovolnictví v sociálních službách',
  'Místní akční skupina a komunitně vedený místní rozvoj',
  'Strategie rozvoje {kraje}',
  'Dotační program pro poskytovatele – {region}',
  'Filantropická burza',
  'Setkání sociálních podniků a veletrh zaměstnavatelů',
  'Housing First – vyhodnocení pilotního projektu',
  'Milostivé léto a oddlužení',
  'Energetická chudoba a příspěvek na bydlení',
  'Dávky hmotné nouze – novela zákona',
  'Zákon o sociálních službách – připravovaná novela',
  'Zákon o podpoře bydlení',
  'Bezbariérovost veřejných budov ve městě {town}',
  'Doprava osob se sníženou pohyblivostí – senior taxi',
  'Digitalizace sociální práce a elektronická evidence',
  'Supervize a syndrom vyhoření',
  'Tranzitní program pro mladé lidi s postižením',
  'Mladí lidé odcházející z ústavní výchovy',
  'Školní sociální práce a předčasné odchody ze vzdělávání',
  'Potravinová banka a materiální pomoc',
  'Kulatý stůl k bezdomovectví',
  'Analýza potřeb osob bez domova {inRegion}',
  'Pomoc uprchlíkům z Ukrajiny',
  'Humanitární dávka a solidární domácnosti',
  'Národní plán obnovy – komunitní centra',
  'Volba předsedy a místopředsedy pracovní skupiny',
  'Jednací řád pracovní skupiny',
  'GDPR a ochrana osobních údajů klientů',
  'Krizové plány poskytovatelů a pandemie covidu-19',
  'Povodně a mimořádné události – psychosociální pomoc',
  'Výroční konference poskytovatelů sociálních služeb',
  'Den otevřených dveří sociálních služeb',
  'Projekt „Krok za krokem“ – průběžná zpráva',
  'Projekt „Šance na práci“ – výběr účastníků',
  'Projekt „Společně proti dluhům“',
  'Projekt „Dostupné bydlení {kraje}“',
  'Firemní dobrovolnictví a spolupráce se zaměstnavateli',
  'Mediální kampaň „Sociální služby pomáhají“',
  'Ceny za sociální inovace',
  'Přeshraniční spolupráce a partnerské regiony',
  'Webové stránky a zpravodaj pracovní skupiny',
  'Aktualizace adresáře členů',
];

const openingSentences = [
  'Jednání zahájil{a} {person}, přivítal{a} přítomné a konstatoval{a}, že pracovní skupina je usnášeníschopná (přítomno je {members} členů).',
  'Program jednání byl schválen bez připomínek; kontrola úkolů z minulého jednání proběhla podle přílohy zápisu.',
];

// Most frequent first, as the topics. {a} follows the last {person}: "informoval" or "informovala".
const sentences = [
  'Pracovní skupina projednala stav přípravy a shodla se na dalším postupu.',
  'Členové doplní podklady do příštího jednání; termíny budou upřesněny e-mailem.',
  '{person} shrnul{a} dosavadní průběh a upozornil{a} na úzká místa při spolupráci s obcemi.',
  'Diskuse se týkala zejména kapacit terénních služeb, čekacích lhůt a dostupnosti služeb v menších obcích.',
  'Zástupci {kraje} doplnili informace o financování a o spolupráci s neziskovými organizacemi v regionu.',
  '{person} informoval{a} o jednání s vedením města {town}, které přislíbilo podporu.',
  'Prezentace a podklady budou rozeslány se zápisem.',
  'Organizace {org} nabídla prostory pro další setkání {inTown}.',
  'Z dotazníkového šetření mezi {n} poskytovateli vyplynulo, že nejvíce chybí odlehčovací služby a osobní asistence.',
  'Krajský úřad {kraje} vyčlenil na tuto oblast {sum}; vyúčtování je třeba předložit do {date}.',
  'Úřad práce eviduje {inTown} {count} uchazečů o zaměstnání se zdravotním postižením.',
  '{person} upozornil{a} na nedostatek sociálních bytů {inTown}, kde na byt čeká {count} domácností.',
  'Sociální bydlení zůstává hlavním tématem; obce {inRegion} vlastní jen málo volných bytů.',
  'Prostupné byty se osvědčily; město {town} plánuje rozšíření o dalších {n} bytů.',
  'Dluhová poradna {inTown} přijala v loňském roce {count} nových klientů, nejčastěji s exekucemi na spotřebitelské úvěry.',
  'Termín dalšího jednání byl stanoven na {date} {inTown}.',
  'Zástupkyně Úřadu práce informovala o změnách v příspěvku na péči a o součinnosti s obcemi.',
  'Dotační výzva bude vyhlášena {date}; alokace činí {sum}.',
  'Hodnoticí komise doporučila k podpoře {n} projektů, několik dalších bylo vyřazeno pro formální nedostatky.',
  'Komunitní plán sociálních služeb města {town} bude předložen zastupitelstvu {date}.',
  'Pracovní skupina k návrhu uplatnila {n} připomínek, které zapracuje {person}.',
  'Sociální podniky {inRegion} zaměstnávají celkem {count} osob, z toho více než polovinu se zdravotním postižením.',
  '{person} představil{a} výsledky projektu Sociální podnikání {inRegion} a nabídl{a} konzultace zájemcům.',
  'Diskutovalo se o náhradním plnění a o tom, jak motivovat zaměstnavatele k nákupu od sociálních podniků.',
  'Čekací lhůty v domovech se zvláštním režimem {inRegion} přesahují dva roky.',
  'Příspěvek na péči se od {date} posuzuje novým postupem; sociální šetření provádí Úřad práce.',
  'Pečující osoby postrádají informace o odlehčovacích službách; organizace {org} připraví letáky.',
  'Centrum duševního zdraví {inTown} má plnou kapacitu, další se připravuje.',
  '{person} seznámil{a} skupinu s reformou psychiatrické péče a se zkušenostmi multidisciplinárních týmů.',
  'Terénní programy {inTown} pracují s {count} klienty ze sociálně vyloučených lokalit.',
  'Agentura pro sociální začleňování nabídla vedení města {town} metodickou podporu při přípravě strategického plánu.',
  'Zaměstnavatelé hledají zejména pracovníky v sociálních službách a řidiče; Úřad práce nabídne rekvalifikace.',
  'Veřejně prospěšné práce {inTown} vykonává {n} uchazečů, město jich chce zaměstnat více.',
  'Pečovatelská služba {inTown} rozšířila provoz i na víkendy.',
  'Osobní asistence je dostupná jen v části kraje; bílá místa jsou zejména v odlehlých obcích.',
  'Senior taxi {inTown} vykonalo v loňském roce {count} jízd.',
  'Bezbariérový přístup chybí na {n} úřadech v kraji; organizace {org} zpracuje přehled.',
  'Projekt Housing First {inTown} zabydlel {n} lidí bez domova; většina z nich bydlí i po roce.',
  'Noclehárna {inTown} byla v lednu plně obsazena, město otevřelo zimní nízkoprahovou noclehárnu.',
  'Potravinová banka {kraje} rozdělila potraviny v hodnotě {sum}.',
  'Energetická chudoba se týká zejména seniorů v nájemních bytech; organizace {org} nabízí energetické poradenství.',
  '{person} vysvětlil{a} změny v dávkách hmotné nouze a v příspěvku na bydlení.',
  'Připravovaná novela zákona o sociálních službách mění způsob financování; stanovisko pracovní skupiny připraví {person}.',
  'Zákon o podpoře bydlení zavádí kontaktní místa pro bydlení ve všech obcích s rozšířenou působností.',
  'Inspekce kvality sociálních služeb proběhla u {n} poskytovatelů bez závažných zjištění.',
  'Vzdělávací program pro pracovníky v sociálních službách v rozsahu {n} hodin zajistí organizace {org}.',
  'Supervize je hrazena z dotace jen částečně; poskytovatelé žádají navýšení.',
  'Platy v sociálních službách zaostávají za zdravotnictvím, odcházejí zejména pracovníci v přímé péči.',
  'Výzva Operačního programu Zaměstnanost plus bude otevřena do {date}.',
  'Z Integrovaného regionálního operačního programu lze financovat rekonstrukce zařízení do výše {sum}.',
  'Místní akční skupina připravuje výzvu komunitně vedeného místního rozvoje zaměřenou na sociální služby.',
  'Regionální stálá konference {kraje} zařadila sociální bydlení mezi priority.',
  'Dotační program, který vyhlašuje {region}, má letos alokaci {sum}; žádosti lze podávat do {date}.',
  'Zprávu o činnosti pracovní skupiny za rok {lastYear} členové schválili bez připomínek.',
  'Pakt zaměstnanosti {kraje} zve členy na konferenci o zaměstnávání znevýhodněných osob, která se koná {date}.',
  'Filantropická burza se uskuteční {date} {inTown}; přihlášky projektů přijímá organizace {org}.',
  'Členové ocenili spolupráci s organizací {org} při přípravě Filantropické burzy.',
  'Školní sociální pracovníci působí na {n} školách; {person} navrhuje rozšíření do dalších obcí.',
  'Mladí lidé odcházející z dětských domovů potřebují podporu při hledání bydlení a práce.',
  'Pěstounské rodiny {inRegion} pečují o {count} dětí; chybějí pěstouni na přechodnou dobu.',
  'Raná péče pracuje s {count} rodinami, v pořadníku čeká {n} rodin.',
  'Kontaktní centrum {inTown} vydalo {count} sad injekčního materiálu a zaznamenalo nárůst užívání pervitinu.',
  'Probační a mediační služba hledá zaměstnavatele ochotné zaměstnat klienty po výkonu trestu.',
  'Dobrovolnické centrum organizace {org} koordinuje {count} dobrovolníků v nemocnicích a domovech pro seniory.',
  'Firemní dobrovolnictví: {n} firem nabídlo pomoc s úklidem a drobnými opravami zařízení.',
  '{person} poděkoval{a} členům za aktivní přístup a ukončil{a} jednání.',
  'Tísňovou péči {inRegion} využívá {count} uživatelů; kraj zvažuje příspěvek na asistivní technologie.',
  'Mobilní hospic {inTown} ročně doprovodí {count} pacientů.',
  'Krizové plány poskytovatelů je třeba aktualizovat podle zkušeností z pandemie covidu-19.',
  'Organizace {org} připraví vzor souhlasu klienta se sdílením osobních údajů.',
  'Mediální kampaň Sociální služby pomáhají poběží od {date} v regionálních médiích.',
  'Zpravodaj pracovní skupiny vyjde čtvrtletně, příspěvky přijímá {person}.',
  '{person} navrhl{a} uspořádat kulatý stůl k bezdomovectví za účasti policie a nemocnice.',
  'Analýza potřeb osob bez domova {inRegion} napočítala {count} lidí bez přístřeší.',
  'Sociální práce na obcích je financována z příspěvku na výkon sociální práce, který nepokrývá skutečné náklady.',
  'Projekt Krok za krokem podpořil {count} účastníků, z nichž {n} našlo zaměstnání.',
  'Projekt Společně proti dluhům nabízí bezplatné dluhové poradenství {inTown}.',
  'Projekt Šance na práci vybral účastníky; první kurzy začnou {date}.',
  'Milostivé léto pomohlo {count} dlužníkům {inRegion} zbavit se exekucí.',
  'Finanční gramotnost bude součástí programů sociální rehabilitace.',
  'Tranzitní program umožnil {n} absolventům praktických škol vyzkoušet si práci u zaměstnavatele.',
  'Integrace cizinců: centrum pro cizince {inTown} eviduje rostoucí zájem o kurzy češtiny.',
  'Od začátku války na Ukrajině pomohly organizace {inRegion} více než {count} uprchlíkům.',
  'Linka důvěry zaznamenala nárůst hovorů mladých lidí o {n} %.',
  'Intervenční centrum řešilo {count} případů domácího násilí, nejvíce {inTown}.',
];

// Once in a long while.
const rareSentences = [
  'Skupinu navštívila delegace partnerů ze Zhořelce (Görlitz), kteří představili saský model sousedské pomoci.',
  'Povodně zasáhly {n} zařízení sociálních služeb; psychosociální pomoc koordinoval krizový štáb kraje.',
  'Pracovní skupina uctila minutou ticha památku dlouholeté členky.',
  'Ocenění Mosty za přístupnost získala organizace {org}.',
  'Byl představen pilotní projekt canisterapie v domově pro seniory {inTown}.',
  'Zástupce veřejné ochránkyně práv informoval o šetření v ústavním zařízení {inRegion}.',
  'Studijní cesta do Norska hrazená z Fondů EHP proběhne {date}.',
  'Hiporehabilitace pro děti s postižením bude hrazena ze sbírky Pomozte dětem.',
];

const resolutionTexts = [
  'Pracovní skupina bere na vědomí informaci k bodu „{topic}“.',
  'Pracovní skupina schvaluje návrh k bodu „{topic}“ ve znění předloženém na jednání.',
  'Pracovní skupina doporučuje Radě {kraje} vyčlenit {sum} na opatření k bodu „{topic}“.',
  'Pracovní skupina ukládá tajemníkovi zapracovat připomínky k bodu „{topic}“ do {date}.',
  'Pracovní skupina souhlasí se zapojením do projektu Filantropická burza.',
  'Pracovní skupina nesouhlasí s navrženým snížením dotace na sociální služby {inRegion}.',
  'Pracovní skupina vyzývá obce {inRegion} k zapojení do sítě sociálních služeb.',
  'Pracovní skupina schvaluje zprávu o činnosti za rok {lastYear}.',
  'Pracovní skupina deleguje svého zástupce do řídicí skupiny komunitního plánování města {town}.',
  'Pracovní skupina žádá Úřad práce o pravidelné informace o nástrojích aktivní politiky zaměstnanosti.',
];

const taskTexts = [
  'Připravit podklady k bodu „{topic}“ do {date}.',
  'Rozeslat zápis a prezentace všem členům skupiny.',
  'Zapracovat připomínky k bodu „{topic}“ a rozeslat nové znění.',
  'Oslovit organizaci {org} ohledně spolupráce na projektu.',
  'Zjistit počet volných míst v pobytových službách {inTown}.',
  'Zajistit místnost pro příští jednání {inTown}.',
  'Předat stanovisko pracovní skupiny krajskému úřadu do {date}.',
  'Pozvat zástupce Úřadu práce na příští jednání.',
  'Ověřit u města {town} možnosti financování sociálního bydlení.',
  'Připravit přihlášku na Filantropickou burzu.',
  'Sestavit přehled dluhových poraden {inRegion}.',
  'Aktualizovat adresář členů a kontaktů na poskytovatele.',
];

const groupNames = ['Senioři', 'Rodina a děti', 'Zdravotní postižení', 'Duševní zdraví', 'Bydlení', 'Zaměstnanost', 'Prevence', 'Menšiny', 'Dobrovolnictví', 'Doprava'];

// ------------------------------------------------------------------ composing the text

type Random = () => number;

/** A small seeded generator (mulberry32): the same numbers, so the same archive, on every run. */
function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));
const anyOf = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
// Squaring skews towards the start: the first entry is drawn ~20× as often as the last, as topics are.
const mostlyEarly = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() ** 2 * list.length)];

/** Where a group works and who speaks at its meetings. */
interface Setting {
  region: Region;
  people: readonly string[];
}

/** Six Czech names, each a man's or a woman's with the surname to match. */
function namesOf(random: Random): string[] {
  return Array.from({ length: 6 }, () => {
    const female = random() < 0.6;
    return `${anyOf(random, female ? femaleNames : maleNames)} ${anyOf(random, surnames)[female ? 1 : 0]}`;
  });
}

/** Fills a sentence's slots for a meeting on `day`; one person, one town per sentence, as people write. */
function fill(template: string, setting: Setting, day: Date, random: Random, topic = ''): string {
  const person = anyOf(random, setting.people);
  // Czech feminine surnames end in -á (Nováková, Černá): the verb agrees ("informovala").
  const female = person.endsWith('á');
  const [region, regionOf, inRegion, towns] = setting.region;
  const [town, inTown] = anyOf(random, towns);
  const year = day.getUTCFullYear();
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    switch (slot) {
      case 'person': return person;
      case 'a': return female ? 'a' : '';
      case 'town': return town;
      case 'inTown': return inTown;
      case 'region': return region;
      case 'kraje': return regionOf;
      case 'inRegion': return inRegion;
      case 'org': return anyOf(random, organisations);
      case 'members': return String(between(random, 5, 14));
      case 'n': return String(between(random, 5, 40));
      case 'count': return String(between(random, 20, 900));
      case 'sum': return random() < 0.5 ? `${between(random, 50, 950)} tis. Kč` : `${(between(random, 5, 95) / 10).toFixed(1).replace('.', ',')} mil. Kč`;
      case 'date': return czechDate(new Date(day.getTime() + between(random, 7, 90) * 86_400_000));
      case 'year': return String(year);
      case 'lastYear': return String(year - 1);
      case 'nextYear': return String(year + 1);
      case 'topic': return topic;
      default: throw new Error(`no slot {${slot}}`);
    }
  });
}

/** "15. 3. 2011", as Czech minutes write dates. */
const czechDate = (date: Date) => `${date.getUTCDate()}. ${date.getUTCMonth() + 1}. ${date.getUTCFullYear()}`;

/** A meeting's program: its opening, eight different topics, and "Různé". */
function agendaOf(setting: Setting, day: Date, random: Random): string[] {
  const drawn = new Set<string>();
  while (drawn.size < ITEMS_PER_MEETING - 2) drawn.add(mostlyEarly(random, topics));
  return [OPENING, ...[...drawn].map((topic) => fill(topic, setting, day, random)), CLOSING];
}

/** What was said under an item: 2–4 sentences (the opening's own first), now and then a rare event. */
function proceedingsOf(setting: Setting, day: Date, random: Random, opening: boolean): string {
  const count = between(random, 2, 4);
  const said = new Set(opening ? openingSentences : []);
  while (said.size < count) said.add(mostlyEarly(random, sentences));
  if (random() < RARE_EVENT_CHANCE) said.add(anyOf(random, rareSentences));
  return [...said].map((sentence) => fill(sentence, setting, day, random)).join(' ');
}

// ------------------------------------------------------------------ writing the archive

/** Adds the archive to a database that holds the demo; returns what it added. */
export function generateArchive(db: Db, now: string, size: ArchiveSize = fullArchive): { meetings: number; agendaItems: number; resolutions: number; tasks: number } {
  const demoGroup = findGroupBySlug(db, 'socialni-sluzby');
  const secretary = listPeople(db).find((person) => person.name === 'Lucie Nováková');
  if (!demoGroup || !secretary) throw new Error('load the demo first (npm run demo)');
  const random = seededRandom(13);
  const groups: { id: number; members: number[]; meetings: number; setting: Setting }[] = [];
  db.transaction(() => {
    for (let n = 1; n < size.groups; n++) {
      const name = `PS ${groupNames[n % groupNames.length]} ${Math.ceil(n / groupNames.length)}`;
      const id = insertGroup(db, { name: `Pracovní skupina ${name.slice(3)}`, nameGenitive: `Pracovní skupiny ${name.slice(3)}`, shortName: name, slug: `archiv-${n}`, description: '', visibility: n % 5 === 0 ? 'members' : 'public', numberingPerYear: false }, now);
      const setting = { region: regions[n % regions.length], people: namesOf(random) };
      const members = setting.people.map((person) => insertPerson(db, { name: person, title: '', email: '', phone: '' }, now));
      members.forEach((personId, m) => insertMembership(db, id, { personId, role: m === 0 ? 'chair' : m === 1 ? 'secretary' : 'member' }, now));
      groups.push({ id, members, meetings: 0, setting });
    }
  })();
  // A tenth of the meetings in the demo group, the rest spread over the others.
  const demoMeetings = Math.round(size.meetings / 10);
  // The demo group goes on after its demo meetings of 2018; the others hold the years before.
  const later = { from: '2019-01-10T08:00:00Z', until: '2026-11-01T08:00:00Z' };
  const earlier = { from: '1996-01-10T08:00:00Z', until: '2017-12-01T08:00:00Z' };
  const rest = size.meetings - demoMeetings;
  const plan = [
    { id: demoGroup.id, members: [secretary.id], meetings: demoMeetings, setting: { region: regions[LIBERECKY_KRAJ], people: demoPeople }, ...later },
    ...groups.map((group, n) => ({ ...group, meetings: Math.floor(rest / groups.length) + (n < rest % groups.length ? 1 : 0), ...earlier })),
  ];
  const totals = { meetings: 0, agendaItems: 0, resolutions: 0, tasks: 0 };
  for (const group of plan) {
    addMeetings(db, now, group, random, totals);
  }
  return totals;
}

/** One group's meetings, evenly apart (two weeks at most) within its years. */
function addMeetings(
  db: Db,
  now: string,
  group: { id: number; members: number[]; meetings: number; setting: Setting; from: string; until: string },
  random: Random,
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
        const day = new Date(startsAt);
        const meetingId = insertMeeting(db, {
          leadGroupId: group.id, groupIds: [], number: nextMeetingNumber(db, group.id), title: '', startsAt, endsAt: null, timeZone: 'Europe/Prague',
          venueId: null, room: '', onlineUrl: '', status: 'held', chairId: null, minuteTakerId: null, verifierIds: [],
        }, now);
        const agenda = agendaOf(group.setting, day, random);
        const texts = new Map<number, string>();
        const items: number[] = [];
        for (const [i, title] of agenda.entries()) {
          const item = insertAgendaItem(db, meetingId, { parentId: null, title, description: '', presenter: '', durationMinutes: 10, fixedStart: null, deferred: false }, now);
          items.push(item);
          texts.set(item, proceedingsOf(group.setting, day, random, i === 0));
        }
        updateProceedings(db, meetingId, texts, now);
        // What arose at the previous meeting is reviewed here, done.
        if (openTasks.length) recordReviews(db, meetingId, openTasks.map((actionItemId): ReviewInput => ({ actionItemId, outcome: 'done', note: '' })), now);
        openTasks = [];
        const year = day.getUTCFullYear();
        // Decisions and tasks arise under the topics, not under the opening.
        for (let r = 0; r < RESOLUTIONS_PER_MEETING; r++) {
          const text = fill(anyOf(random, resolutionTexts), group.setting, day, random, agenda[r + 1]);
          insertResolution(db, { meetingId, groupId: group.id, year, agendaItemId: items[r + 1], text, votesFor: 7, votesAgainst: 0, votesAbstain: 0, outcome: 'adopted', supersedesId: null }, now);
        }
        for (let t = 0; t < TASKS_PER_MEETING; t++) {
          const owner = group.members[(k + t) % group.members.length];
          const text = fill(anyOf(random, taskTexts), group.setting, day, random, agenda[t + 1]);
          openTasks.push(insertActionItem(db, meetingId, { agendaItemId: items[t + 1], text, ownerIds: [owner], organisationId: null, dueDate: new Date(Date.parse(startsAt) + 20 * 86_400_000).toISOString().slice(0, 10) }, now));
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
