import { expect } from 'chai';
import { compareBySurname, genderFromName, givenNamesOf, sortBySurname, surnameOf } from '../../src/zapis/czech-names.js';
import { agreementOf } from '../../src/zapis/wording.js';

describe('Czech names', () => {
  it('finds the surname and given names, leaving out what follows a comma and abbreviations', () => {
    expect(surnameOf('Pavla Šťastná')).to.equal('Šťastná');
    expect(givenNamesOf('Jana Marie Nováková')).to.equal('Jana Marie');
    expect(surnameOf('Jan Novák, Ph.D.')).to.equal('Novák');
    expect(surnameOf('Mgr. Jan Novák st.')).to.equal('Novák');
    expect(surnameOf('Nováková')).to.equal('Nováková');
    expect(givenNamesOf('Nováková')).to.equal('');
  });

  it('sorts by surname in Czech order: Čermák after Cibulka, Chalupa after Hrubý, Šťastná after Svobodová', () => {
    const names = ['Zdeněk Žák', 'Adam Chalupa', 'Pavla Šťastná', 'Petr Cibulka', 'Eva Svobodová', 'Bohumil Čermák', 'Zuzana Hrubá', 'Radek Řezník', 'Ivo Rybář', 'Tomáš Zeman'];
    expect(sortBySurname([...names], (name) => name)).to.deep.equal([
      'Petr Cibulka',
      'Bohumil Čermák',
      'Zuzana Hrubá',
      'Adam Chalupa',
      'Ivo Rybář',
      'Radek Řezník',
      'Eva Svobodová',
      'Pavla Šťastná',
      'Tomáš Zeman',
      'Zdeněk Žák',
    ]);
    expect(compareBySurname('Cyril Cibulka', 'Čestmír Čermák')).to.be.lessThan(0);
    expect(compareBySurname('Jan Hrubý', 'Karel Chalupa')).to.be.lessThan(0);
  });

  it('orders namesakes by given name, and keeps the order of rows a first key puts apart', () => {
    expect(sortBySurname(['Petr Novák', 'Jan Novák', 'Jana Nováková'], (name) => name)).to.deep.equal(['Jan Novák', 'Petr Novák', 'Jana Nováková']);
    const rows = [
      { name: 'Adam Zeman', rank: 2 },
      { name: 'Zdeněk Adámek', rank: 2 },
      { name: 'Petr Chalupa', rank: 1 },
    ];
    expect(sortBySurname(rows, (row) => row.name, (a, b) => a.rank - b.rank).map((row) => row.name)).to.deep.equal(['Petr Chalupa', 'Zdeněk Adámek', 'Adam Zeman']);
  });

  it('takes a woman from a surname in -ová or a woman’s given name, a man otherwise', () => {
    const women = ['Lucie Nováková', 'Petra Svobodová', 'Pavla Šťastná', 'Dagmar Černá', 'Ester Kovář', 'Marie Curie', 'Nováková', 'Černá', 'Jana Marie Dvořák'];
    const men = ['Jan Skála', 'Jiří Novák', 'Tomáš Beneš', 'Karel Černý', 'Honza Procházka', 'Novák', 'Mgr. Ivo Rybář, Ph.D.'];
    expect(women.filter((name) => genderFromName(name) !== 'f')).to.deep.equal([]);
    expect(men.filter((name) => genderFromName(name) !== 'm')).to.deep.equal([]);
  });

  it('makes a word agree: one man, one woman, one not stated, several, several women', () => {
    expect(agreementOf([{ gender: 'm' }])).to.equal('m');
    expect(agreementOf([{ gender: 'f' }])).to.equal('f');
    expect(agreementOf([{ gender: null }])).to.equal('x');
    expect(agreementOf([{ gender: 'f' }, { gender: 'm' }])).to.equal('pl');
    expect(agreementOf([{ gender: 'f' }, { gender: null }])).to.equal('pl');
    expect(agreementOf([{ gender: 'f' }, { gender: 'f' }])).to.equal('fpl');
    expect(agreementOf([])).to.equal('pl');
  });
});
