import { canReadGroup } from '../access.js';
import type { Viewer } from '../access.js';
import type { AgendaItem } from '../db/agenda.js';
import type { PublishedMinutesRow } from '../db/meetings.js';
import type { ResolutionRow } from '../db/resolutions.js';
import type { Lang } from '../i18n/index.js';
import { agendaTree, presentProgram, programLines } from './agenda.js';
import { meetingTitleFor, minutesHeading } from './names.js';
import { leadGroupOfRow, presentResolution, whenAndWhere } from './present.js';

/** Published minutes as a feed entry says them: what export/atom.ts writes as one <entry>. */
export interface FeedEntry {
  meetingId: number;
  /** The meeting's page: the entry's id and its link. */
  url: string;
  /** The minutes as PDF. */
  pdfUrl: string;
  /** "Zápis z 10. setkání …", never naming a lead group hidden from the viewer. */
  title: string;
  /** The lead group, or the app when the viewer may not know it. */
  author: string;
  publishedAt: string;
  /** When and where, the program and the resolutions' texts, as plain text. */
  summary: string;
}

/** An entry of a feed of published minutes; `baseUrl` makes its links absolute. */
export function presentFeedEntry(row: PublishedMinutesRow, items: AgendaItem[], resolutions: ResolutionRow[], viewer: Viewer, lang: Lang, baseUrl: string): FeedEntry {
  const { t } = lang;
  const leadGroup = leadGroupOfRow(row);
  const url = `${baseUrl}/meetings/${row.id}`;
  const facts = whenAndWhere(row, lang).map((fact) => `${fact.label}: ${fact.value.map((run) => run.text).join('')}`);
  const program = programLines(presentProgram(agendaTree(items, row), lang));
  const decided = resolutions.map((resolution) => presentResolution(resolution, lang)).map((resolution) => `${resolution.label}: ${resolution.text.markdown}`);
  return {
    meetingId: row.id,
    url,
    pdfUrl: `${url}.pdf`,
    title: minutesHeading(meetingTitleFor(row, leadGroup, viewer, t), t),
    author: canReadGroup(viewer, leadGroup) ? row.leadGroupName : t('app.name'),
    publishedAt: row.publishedAt,
    summary: [facts, program.length ? [t('calendar.agenda'), ...program] : [], decided.length ? [`${t('resolutions.title')}:`, ...decided] : []]
      .filter((block) => block.length)
      .map((block) => block.join('\n'))
      .join('\n\n'),
  };
}
