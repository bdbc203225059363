import type { AppDeps } from '../app.js';
import { pageFragments, sendKeptPage } from '../fragment-cache.js';
import { canManageAccounts, canManageGroups, groupsRunBy, readScope, viewerClass, viewerOf } from '../access.js';
import { attendanceCounts } from '../db/attendance.js';
import { groupsExist, listGroupsByIds } from '../db/groups.js';
import { schemaVersion } from '../db/index.js';
import { listLatestMinutes, listUpcomingMeetings } from '../db/meetings.js';
import { firstRunState } from '../db/onboarding.js';
import type { FirstRunState } from '../db/onboarding.js';
import { isLocale } from '../i18n/index.js';
import type { MessageKey } from '../i18n/index.js';
import { safeLocalPath } from '../request-context.js';
import { myTasksSummary } from '../task-lists.js';
import type { Pages } from './context.js';

/** One step of the administrator's first-run checklist: what to do, where, and whether it is done. */
export interface FirstStep {
  label: MessageKey;
  hint?: MessageKey;
  /** Where it is done; none while an earlier step is missing (inviting a secretary needs a group). */
  href?: string;
  done: boolean;
}

/**
 * The first-run checklist, or undefined once a group and its secretary (with an account) exist:
 * the project footer is optional, so it never keeps the list on the page alone.
 */
export function firstSteps(state: FirstRunState): FirstStep[] | undefined {
  if (state.hasGroup && state.hasSecretary) return undefined;
  const slug = (group: { slug: string } | undefined) => (group ? encodeURIComponent(group.slug) : undefined);
  const toInvite = slug(state.groupWithoutSecretary);
  const first = slug(state.firstGroup);
  return [
    { label: 'onboarding.stepGroup', href: '/groups/new', done: state.hasGroup },
    { label: 'onboarding.stepSecretary', href: toInvite && `/accounts/new?group=${toInvite}&groupRole=secretary`, done: state.hasSecretary },
    { label: 'onboarding.stepFunding', hint: 'onboarding.stepFundingHint', href: first && `/groups/${first}/edit#funding`, done: state.hasFunding },
  ];
}

/** The overview page, the health check and the language switch. */
export function homePages({ db, clock, config }: AppDeps): Pages<'health' | 'language' | 'home'> {
  const homePages = pageFragments(db, config.pageCache);
  return {
    health(_req, res) {
      // A real round trip to the database, not just "the process is up".
      db.prepare('SELECT 1').get();
      res.set('Cache-Control', 'no-store').json({ status: 'ok', schemaVersion: schemaVersion(db) });
    },

    // A link, not a form: choosing a language changes only a preference cookie, and reading pages
    // then carry no form (and no CSRF token), so they stay the same for every anonymous reader.
    language(req, res) {
      const lang = req.query.lang;
      if (isLocale(lang)) res.cookie('lang', lang, { path: '/', maxAge: 365 * 24 * 3600 * 1000, sameSite: 'lax', httpOnly: true });
      res.redirect(303, safeLocalPath(req.query.next));
    },

    // Kept per person (their tasks box) and class for a minute at most: what is upcoming moves with the clock.
    // The first steps (administrators) and "Moje skupiny" (the groups one runs) follow from the class and the data.
    async home(req, res) {
      const viewer = viewerOf(req);
      const now = clock.now();
      const { locale, today, t } = res.locals;
      const person = viewer.kind === 'account' ? viewer.personId : 0;
      // For the page's head (outside the kept content): feed readers find the public feed from the home page.
      res.locals.feeds = [{ title: t('feeds.siteTitle'), href: `${config.baseUrl}/feed.atom` }];
      await sendKeptPage(res, homePages, 'home/_home', `${person}|${locale}|${now.slice(0, 16)}|${viewerClass(viewer)}`, () => {
        const scope = readScope(viewer);
        const latestMinutes = listLatestMinutes(db, now, 10, scope);
        return {
          title: t('nav.home'),
                    locals: {
            upcoming: listUpcomingMeetings(db, now, 10, scope),
            latestMinutes,
            presentCounts: attendanceCounts(db, latestMinutes.map((row) => row.id)),
            hasGroups: groupsExist(db),
            canCreateGroup: canManageGroups(viewer),
            myTasks: myTasksSummary(db, viewer, today),
            firstSteps: canManageAccounts(viewer) ? firstSteps(firstRunState(db, today)) : undefined,
            myGroups: listGroupsByIds(db, groupsRunBy(viewer)),
          },
        };
      });
    },
  };
}
