import type { RequestHandler } from 'express';
import { readScope, viewerClass, viewerOf } from './access.js';
import { dataMemo } from './data-memo.js';
import type { Viewer } from './access.js';
import { endOfWeek } from './clock.js';
import { countOpenTasksOfPerson, listTasksOfPerson } from './db/action-items.js';
import type { ActionItemStatus, TaskRow } from './db/action-items.js';
import { isOverdue } from './zapis/wording.js';
import type { Db } from './db/index.js';

/** A person's open tasks, as "Moje úkoly", the home page and the header show them. */

/** Splits open tasks into overdue, due by Sunday, and later or without a deadline; each keeps its order. */
export function taskSections<T extends { dueDate: string | null; status: ActionItemStatus }>(rows: readonly T[], today: string): { overdue: T[]; thisWeek: T[]; later: T[] } {
  const sunday = endOfWeek(today);
  return {
    overdue: rows.filter((row) => isOverdue(row, today)),
    thisWeek: rows.filter((row) => row.dueDate !== null && row.dueDate >= today && row.dueDate <= sunday),
    later: rows.filter((row) => row.dueDate === null || row.dueDate > sunday),
  };
}

/** The home page's "Moje úkoly" box: the viewer's overdue tasks and how many others are open. */
export function myTasksSummary(db: Db, viewer: Viewer, today: string): { overdue: TaskRow[]; restCount: number } | undefined {
  if (viewer.kind !== 'account') return undefined;
  const rows = listTasksOfPerson(db, viewer.personId, readScope(viewer));
  const { overdue } = taskSections(rows, today);
  return { overdue, restCount: rows.length - overdue.length };
}

/**
 * Gives views the signed-in viewer's number of open tasks (the "Moje úkoly (N)" link). Counted on
 * first use and kept: redirects and JSON answers, which render no header, never pay for the query.
 */
export function myTaskCount(db: Db): RequestHandler {
  // By person and visibility class: what they may see of their tasks is what the class may.
  const counts = dataMemo<number>(db);
  return (req, res, next) => {
    const viewer = viewerOf(req);
    if (viewer.kind === 'account') {
      let count: number | undefined;
      Object.defineProperty(res.locals, 'myOpenTasks', {
        enumerable: true,
        configurable: true,
        get: () => (count ??= counts.get(`${viewer.personId}|${viewerClass(viewer)}`, () => countOpenTasksOfPerson(db, viewer.personId, readScope(viewer)))),
      });
    }
    next();
  };
}
