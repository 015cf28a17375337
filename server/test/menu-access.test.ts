import { canOpen, MENU_PATHS, type MenuPath } from '@liandong/domain/access/screens';
import type { Me } from '@liandong/domain/auth/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app';

/*
 * Issue 13, menus per role: for every demo role, each menu item the web shows (domain/access/screens.ts,
 * read from the user's own GET /me) answers 200 on the API its screen loads, and each item it hides would
 * answer 403/404 or nothing. Before the fix the menu offered the coordinator's matrix to every inspection
 * office (403), the integrity register to leaders who do not oversee the 干部监督室 (404) and the supervision
 * lists to the trial staff (always empty); the dashboard asked the 信访室 for accountability figures (403).
 */

const YEAR = new Date().getFullYear();
/** The API call each menu screen opens with (`POST` for a form screen: 400 on the empty body = admitted). */
const MAIN_API: Record<MenuPath, string> = {
  '/': '/api/v1/me',
  '/portal/letters': '/api/v1/letters',
  '/portal/tasks': '/api/v1/rectification-tasks',
  '/portal/self-inspection': '/api/v1/portal/self-inspection',
  '/org/tree': '/api/v1/orgs/tree',
  '/org/map': '/api/v1/linkage-map',
  '/org/leaders': '/api/v1/leaders',
  '/org/zones': '/api/v1/zones',
  '/people': '/api/v1/people',
  '/supervision/my-items': '/api/v1/supervision/my-items',
  '/supervision/lists': '/api/v1/supervision/lists',
  '/supervision/matrix': `/api/v1/supervision/matrix?year=${YEAR}`,
  '/supervision/zone-activities': '/api/v1/zone-activities',
  '/clues': '/api/v1/clues',
  '/clues/new': 'POST /api/v1/clues',
  '/clues/approvals': '/api/v1/clue-requests',
  '/clues/meetings': '/api/v1/clue-meetings',
  '/clues/overdue': '/api/v1/clues/overdue',
  '/cases': '/api/v1/cases',
  '/cases/trial': '/api/v1/cases?stage=TRIAL',
  '/cases/interference': '/api/v1/interference-records',
  '/casework/search': '/api/v1/casework/search?q=%E7%BA%BF%E7%B4%A2',
  '/casework/dashboard': `/api/v1/casework/dashboard?year=${YEAR}`,
  '/cockpit': `/api/v1/cockpit?year=${YEAR}`,
  '/campaigns': '/api/v1/campaigns',
  '/reform': '/api/v1/reform-records',
  '/problems': '/api/v1/problems',
  '/problems/candidates': '/api/v1/problems/candidates',
  '/letters': '/api/v1/letters',
  '/rectification': '/api/v1/rectification-tasks',
  '/accountability': '/api/v1/accountabilities',
  '/bulletins': '/api/v1/bulletins',
  '/integrity': '/api/v1/integrity-replies',
  '/integrity-files': '/api/v1/integrity-files',
  '/integrity-files/requests': '/api/v1/integrity-file-requests',
  '/integrity-files/approvals': '/api/v1/integrity-file-requests?view=toApprove',
  '/integrity-files/log': '/api/v1/integrity-file-reads',
  '/integrity-files/requests/all': '/api/v1/integrity-file-requests?view=all',
  '/secondments': '/api/v1/secondment-batches',
  '/meetings': '/api/v1/meetings',
  '/meetings/decisions': '/api/v1/meeting-decisions',
  '/work-reports': '/api/v1/work-reports',
  '/shares': '/api/v1/shares',
  '/admin/users': '/api/v1/users',
  '/admin/sessions': '/api/v1/admin/sessions',
  '/admin/login-log': '/api/v1/admin/login-log',
  '/admin/calendar': `/api/v1/calendar?year=${YEAR}`,
  '/admin/dictionaries': '/api/v1/dictionaries',
  '/admin/settings': '/api/v1/settings',
  '/audit': '/api/v1/audit/events',
  '/inbox': '/api/v1/inbox',
  '/task-forces/mine': '/api/v1/task-forces/mine',
  '/mentees': '/api/v1/my-mentees',
  '/account/password': '/api/v1/me',
  '/account/totp': '/api/v1/me',
  '/account/sessions': '/api/v1/auth/sessions',
};

/**
 * Hidden on purpose although the API answers: reference data every screen reads (dictionaries, the calendar,
 * the org structure) is edited on the admin screens only; the unit liaison works through the portal, whose
 * screens call the same letter and task APIs that the staff reach through their own ledgers, and the 三员's
 * home is their admin console.
 */
const HIDDEN_BY_DESIGN: Partial<Record<MenuPath, (me: Me) => boolean>> = {
  '/': () => true,
  '/admin/dictionaries': () => true,
  '/admin/calendar': () => true,
  '/org/tree': () => true,
  '/org/map': () => true,
  '/org/leaders': () => true,
  '/org/zones': () => true,
  '/portal/letters': (me) => canOpen('/letters', me),
  '/portal/tasks': (me) => canOpen('/rectification', me),
  '/letters': (me) => me.user.roles.includes('UNIT_LIAISON'),
  '/rectification': (me) => me.user.roles.includes('UNIT_LIAISON'),
  '/bulletins': (me) => me.user.roles.includes('UNIT_LIAISON'),
};

/** One account per role, plus the cases the issue names (an inspection office, a leader not over the 干部监督室). */
const USERS = [
  'sj.secretary',
  'fsj1.deputy',
  'cw5.member',
  'xf.officer1',
  'ag.manager1',
  'dfzf.staff',
  'jc1.staff',
  'sc7.staff',
  'sl.staff1',
  'gbjd.staff',
  'edu.group',
  'cg.county',
  'bank.liaison',
  'sysadmin',
  'secadmin',
  'auditadmin',
];

/** Rows in an answer, whatever its shape (a page, a list, a tree, a matrix, a map). */
function rowsOf(body: unknown): number | null {
  if (Array.isArray(body)) return body.length;
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  if (typeof b.total === 'number') return b.total;
  for (const k of ['items', 'nodes', 'groups', 'rows', 'slots']) if (Array.isArray(b[k])) return (b[k] as unknown[]).length;
  return null;
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

async function call(as: string, spec: string) {
  const [method, url] = spec.startsWith('POST ') ? (['POST', spec.slice(5)] as const) : (['GET', spec] as const);
  return t.request({ method, url, as, ...(method === 'POST' ? { payload: {} } : {}) });
}

describe('menus per role (issue 13)', () => {
  it('every menu item a demo role is shown answers its API; every hidden one is refused or empty for it', async () => {
    const problems: string[] = [];
    for (const username of USERS) {
      const me = (await t.request({ method: 'GET', url: '/api/v1/me', as: username })).json() as Me;
      for (const path of MENU_PATHS) {
        const res = await call(username, MAIN_API[path]);
        const admitted = MAIN_API[path].startsWith('POST ') ? res.statusCode === 400 : res.statusCode === 200;
        if (canOpen(path, me)) {
          if (!admitted) problems.push(`${username} sees ${path} but ${MAIN_API[path]} answers ${res.statusCode}`);
        } else if (admitted && !HIDDEN_BY_DESIGN[path]?.(me)) {
          const rows = MAIN_API[path].startsWith('POST ') ? 1 : rowsOf(res.json());
          if (rows !== 0) problems.push(`${username} is denied ${path} but ${MAIN_API[path]} answers 200 with ${rows} rows`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('names the cases of the issue: the matrix, the integrity register and the supervision lists', async () => {
    const me = async (u: string) => (await t.request({ method: 'GET', url: '/api/v1/me', as: u })).json() as Me;
    const [jc1, dfzf, fsj1, sj, sl] = await Promise.all(['jc1.staff', 'dfzf.staff', 'fsj1.deputy', 'sj.secretary', 'sl.staff1'].map(me));
    // An inspection office is no coordinator: no matrix; the 党风政风监督室 is.
    expect(jc1.abilities.supervisionMatrix).toBe(false);
    expect(canOpen('/supervision/matrix', jc1)).toBe(false);
    expect((await call('jc1.staff', MAIN_API['/supervision/matrix'])).statusCode).toBe(403);
    expect(canOpen('/supervision/matrix', dfzf)).toBe(true);
    // A 分管领导 who does not oversee the 干部监督室 has no integrity register (404); the 书记 has.
    expect(canOpen('/integrity', fsj1)).toBe(false);
    expect((await call('fsj1.deputy', MAIN_API['/integrity'])).statusCode).toBe(404);
    expect(canOpen('/integrity', sj)).toBe(true);
    // The trial staff keep cases and reform, not the supervision lists.
    expect(canOpen('/supervision/lists', sl)).toBe(false);
    expect(canOpen('/supervision/my-items', sl)).toBe(false);
    expect(canOpen('/cases/trial', sl)).toBe(true);
  });

  it('the dashboard asks for accountability figures only where the register answers (not the 信访室)', async () => {
    for (const username of ['xf.officer1', 'gbjd.staff', 'sj.secretary', 'sl.staff1']) {
      const me = (await t.request({ method: 'GET', url: '/api/v1/me', as: username })).json() as Me;
      expect(canOpen('/casework/dashboard', me)).toBe(true);
      const stats = await call(username, `/api/v1/accountabilities/stats?year=${YEAR}`);
      // AccountabilityCard fetches when canOpen('/accountability'): that must be exactly when it answers.
      expect({ username, fetches: canOpen('/accountability', me), status: stats.statusCode }).toEqual({
        username,
        fetches: stats.statusCode === 200,
        status: stats.statusCode,
      });
    }
    const xf = (await t.request({ method: 'GET', url: '/api/v1/me', as: 'xf.officer1' })).json() as Me;
    expect(canOpen('/accountability', xf)).toBe(false);
  });
});
