import type { SheetModel } from '../zapis/sheet.js';
import { plain, strong } from './blocks.js';
import type { Block, Run } from './blocks.js';

/** The prezenční listina as export blocks: heading, facts, and the table Č. / Jméno / Organizace / Podpis with blank lines. */
export function sheetBlocks(sheet: SheetModel): Block[] {
  const listed: Run[][][] = sheet.rows.map((row) => [[plain(String(row.number))], [plain(row.name)], [plain(row.organisation)], []]);
  const blank: Run[][][] = sheet.others.numbers.map((number) => [[plain(String(number))], [], [], []]);
  return [
    { kind: 'heading', level: 1, runs: [plain(sheet.heading)] },
    { kind: 'paragraph', runs: [strong(sheet.title)] },
    { kind: 'facts', rows: sheet.facts.map((fact) => [fact.label, fact.value]) },
    {
      kind: 'table',
      header: sheet.columns.map((column) => [strong(column)]),
      rows: [...listed, [[], [strong(sheet.others.label)], [], []], ...blank],
      widths: [1, 6, 6, 5],
      rowHeight: 26,
    },
  ];
}
