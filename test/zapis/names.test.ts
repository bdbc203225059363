import { expect } from 'chai';
import { translator } from '../../src/i18n/index.js';
import { defaultMeetingTitle, meetingTitle, minutesHeading, personLabel, placeLine, prepositionZ, subItemLetter } from '../../src/zapis/names.js';

describe('the zápis wording', () => {
  const cs = translator('cs');
  const group = { name: 'Odborná pracovní skupina Sociální služby', nameGenitive: 'Odborné pracovní skupiny Sociální služby' };

  it('titles a meeting by its number and the group in the genitive', () => {
    expect(defaultMeetingTitle(10, group)).to.equal('10. setkání Odborné pracovní skupiny Sociální služby');
    expect(defaultMeetingTitle(3, { name: 'Rada', nameGenitive: '' })).to.equal('3. setkání Rada');
    expect(meetingTitle({ number: 1, title: 'Společné setkání pracovních skupin PZLK' }, group)).to.equal('Společné setkání pracovních skupin PZLK');
  });

  it('heads the minutes with z or ze as the ordinal is spoken', () => {
    expect(minutesHeading('10. setkání X', cs)).to.equal('Zápis z 10. setkání X');
    expect(minutesHeading('7. setkání X', cs)).to.equal('Zápis ze 7. setkání X');
    expect(minutesHeading('Společné setkání pracovních skupin PZLK', cs)).to.equal('Zápis – Společné setkání pracovních skupin PZLK');
    expect([1, 2, 7, 17, 21, 70, 79, 100, 150, 200, 777].map(prepositionZ)).to.deep.equal(['z', 'z', 'ze', 'ze', 'z', 'ze', 'ze', 'ze', 'ze', 'z', 'ze']);
    // Ze čtvrtého, ze šestého, ze čtrnáctého, ze šestnáctého, ze čtyřicátého, ze šedesátého, ze čtyřstého, ze šestistého…
    expect([4, 6, 14, 16, 40, 45, 60, 400, 600].map(prepositionZ)).to.deep.equal(Array(9).fill('ze'));
    // … but z pátého, z osmého, z dvacátého, z tisícího, z dvoutisícího; ze čtyřtisícího.
    expect([5, 8, 20, 1000, 1004, 2000, 4000].map(prepositionZ)).to.deep.equal(['z', 'z', 'z', 'z', 'z', 'z', 'ze']);
    expect(minutesHeading('10. setkání X', translator('en'))).to.equal('Minutes: 10. setkání X');
  });

  it('writes the place as venue, street, postal code and town, room', () => {
    const venue = { name: 'ANNOLK', street: 'U Nisy 362/6', postalCode: '460 01', town: 'Liberec', defaultRoom: 'zasedací místnost' };
    expect(placeLine({ venue, room: 'zasedací místnost, 2. patro' })).to.equal('ANNOLK, U Nisy 362/6, 460 01 Liberec, zasedací místnost, 2. patro');
    expect(placeLine({ venue, room: '' })).to.equal('ANNOLK, U Nisy 362/6, 460 01 Liberec, zasedací místnost');
    expect(placeLine({ venue: null, room: '' })).to.equal('');
  });

  it('names people with title and organisation', () => {
    const person = { name: 'Alena Dvořáková', title: 'Mgr.', organisationName: 'Asociace …', organisationShortName: 'ANNOLK' };
    expect(personLabel(person)).to.equal('Mgr. Alena Dvořáková (ANNOLK)');
    expect(personLabel(person, false)).to.equal('Mgr. Alena Dvořáková');
  });

  it('letters sub-items a, b, … z, aa', () => {
    expect([0, 1, 25, 26, 27].map(subItemLetter)).to.deep.equal(['a', 'b', 'z', 'aa', 'ab']);
  });
});
