/** A message: plain text, or plural forms picked by the `count` parameter (Intl.PluralRules categories). */
export type Message = string | { one: string; few?: string; many?: string; other: string };

/**
 * The Czech dictionary: the source of every visible string. Keys are grouped by feature;
 * en.ts must have exactly the same keys (the type system checks it).
 */
export const cs = {
  // --- common ---
  'app.name': 'Zápisník',
  'app.tagline': 'Jednání, programy a zápisy pracovních skupin',
  'nav.main': 'Hlavní navigace',
  'nav.home': 'Přehled',
  'nav.groups': 'Skupiny',
  'nav.people': 'Lidé',
  'nav.organisations': 'Organizace',
  'nav.venues': 'Místa jednání',
  'nav.skipToContent': 'Přeskočit na obsah',
  'nav.breadcrumbs': 'Drobečková navigace',
  'lang.switch': 'Jazyk',
  'lang.cs': 'Česky',
  'lang.en': 'English',
  'action.save': 'Uložit',
  'action.create': 'Vytvořit',
  'action.edit': 'Upravit',
  'action.delete': 'Smazat',
  'action.cancel': 'Zrušit',
  'action.back': 'Zpět',
  'action.add': 'Přidat',
  'action.confirmDelete': 'Opravdu smazat? Tento krok nelze vrátit.',
  'common.none': '—',
  'common.optional': 'nepovinné',
  'common.actions': 'Akce',
  'common.previous': 'Předchozí',
  'common.next': 'Další',
  'common.page': 'Strana {page} z {pages}',
  'common.pagination': 'Stránkování',
  'common.choose': '— vyberte —',
  'common.markdownHint': 'Lze použít Markdown: **tučně**, *kurzívou*, seznamy „- “ nebo „1. “, odkazy [text](https://…).',
  'flash.saved': 'Uloženo.',
  'flash.created': 'Vytvořeno.',
  'flash.deleted': 'Smazáno.',
  'footer.text': 'Zápisník — svobodný software pro pracovní skupiny',
  'validation.summary': 'Formulář obsahuje chyby. Opravte prosím označená pole.',
  'validation.required': 'Toto pole je povinné.',
  'validation.tooLong': 'Text je příliš dlouhý.',
  'validation.invalid': 'Neplatná hodnota.',
  'validation.choice': 'Vyberte jednu z nabízených možností.',
  'validation.number': 'Zadejte celé číslo.',
  'validation.numberRange': 'Číslo je mimo povolený rozsah.',
  'validation.email': 'Zadejte platnou e-mailovou adresu, např. jana@example.cz.',
  'validation.url': 'Zadejte celou webovou adresu začínající https:// nebo http://.',
  'validation.date': 'Zadejte platné datum.',
  'validation.time': 'Zadejte čas ve tvaru 9:30.',
  'validation.slug': 'Použijte jen malá písmena bez diakritiky, číslice a pomlčky, např. socialni-sluzby.',
  'validation.conflict': 'Mezitím záznam upravil někdo jiný. Níže vidíte svou verzi; zkontrolujte ji a uložte znovu.',
  'validation.unknownReference': 'Vybraný záznam neexistuje (mohl být mezitím smazán).',
  'error.title': 'Chyba {status}',
  'error.notFound': 'Stránka nebo záznam nebyl nalezen.',
  'error.forbidden': 'K této akci nemáte oprávnění.',
  'error.badRequest': 'Požadavek nelze zpracovat.',
  'error.tooLarge': 'Odeslaná data jsou příliš velká.',
  'error.server': 'Na serveru nastala chyba. Zkuste to prosím znovu; pokud potíže trvají, obraťte se na správce.',
  'error.home': 'Zpět na přehled',
  // --- home ---
  // --- organisations ---
  'organisations.title': 'Organizace',
  'organisations.new': 'Nová organizace',
  'organisations.edit': 'Upravit organizaci {name}',
  'organisations.empty': 'Zatím tu nejsou žádné organizace.',
  'organisations.name': 'Název',
  'organisations.shortName': 'Zkratka',
  'organisations.shortNameHint': 'Např. ANNOLK; ukazuje se u jmen v zápisech.',
  'organisations.people': 'Lidé',
  'organisations.nameTaken': 'Organizace s tímto názvem už existuje.',
  'organisations.deleteHeading': 'Smazat organizaci',
  'organisations.deleteHint': 'Organizaci lze smazat, jen pokud k ní nepatří žádní lidé.',
  'organisations.deleteInUse': 'Organizaci nelze smazat: patří k ní lidé. Nejdřív je přiřaďte jinam.',
  // --- people ---
  // --- venues ---
  // --- groups ---
  // --- memberships ---
  // --- meetings ---
  // --- agenda ---
  // --- minutes ---
} as const satisfies Record<string, Message>;
