import type { Role } from '@liandong/domain/access/enums';
import { CASE_STAGE_STATES, CaseListQuerySchema } from '@liandong/domain/cases/contracts';
import { ClueQuerySchema, ClueRequestQuerySchema } from '@liandong/domain/clues/contracts';
import { FileListQuerySchema, RequestListQuerySchema } from '@liandong/domain/integrity-files/contracts';
import { CLUE_OPEN } from '@liandong/domain/clues/machine';
import { DecisionQuerySchema } from '@liandong/domain/meetings/contracts';
import { LetterListQuerySchema, TaskQuerySchema } from '@liandong/domain/reform/contracts';
import { MyItemsQuerySchema } from '@liandong/domain/supervision/contracts';
import { SlotQuerySchema } from '@liandong/domain/work-reports/contracts';
import { WORKBENCH_ROWS, type WorkbenchCardKey, type WorkbenchRow } from '@liandong/domain/workbench/contracts';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { listCases } from '../cases';
import { UNDERTAKING_ROLES, ledgerRows, listRequests } from '../clues';
import { listInbox } from '../inbox';
import { listFiles, listRequests as listFileRequests } from '../integrity-files';
import { APPROVER_ROLES, DRAFTER_ROLES, LETTER_ROLES, REVIEWER_ROLES, listLetters } from '../letters';
import { listDecisions } from '../meetings';
import { listTasks } from '../reform';
import { SUPERVISION_ROLES, myItems } from '../supervision';
import { REPORT_ROLES, listSlots } from '../work-reports';
import { CASE_READ_ROLES, CLUE_READ_ROLES, MEETING_LEADER_ROLES, MEETING_READ_ROLES, REFORM_READ_ROLES } from '../visibility';

/*
 * The cards of the 工作台. A card is a ledger under a filter, nothing else: `fetch` calls the very service
 * the ledger's route calls (same visibility predicate, same WHERE, count + LIMIT 5), with the query parsed
 * by the ledger's own zod schema, so the card's count is by construction the total the ledger answers for
 * `api` — and `ledger` is the screen that reads the same parameters from its address.
 * Cards count exactly (`exactTotal`): where the ledger stops at 1,000 and says 超过 1,000 条, the card gives the number.
 */

/** Query parameters, repeated keys as arrays (the clue ledger reads `state` repeated). */
export type Params = Record<string, string | string[]>;

export interface CardSpec {
  key: WorkbenchCardKey;
  /** Who gets the card: any of these roles (always within the ledger route's own roles). */
  roles: readonly Role[];
  /** The ledger's API path and filter. */
  api: (ctx: Ctx) => { path: string; params: Params };
  /** The screen and its address parameters (the filter plus what the screen needs to not add its defaults). */
  ledger: (ctx: Ctx) => { path: string; params: Params };
  fetch: (ctx: Ctx, params: Params) => Promise<{ total: number; rows: WorkbenchRow[] }>;
}

/** 书记 and 分管领导: the figures of their scope. */
const LEADERS: readonly Role[] = ['SECRETARY', 'DEPUTY_OR_MEMBER'];
const both = (a: readonly Role[], b: readonly Role[]) => a.filter((r) => b.includes(r));
const page = { page: '1', pageSize: String(WORKBENCH_ROWS) };
const isLiaison = (ctx: Ctx) => ctx.actor.roles.includes('UNIT_LIAISON') && ctx.actor.roles.length === 1;
const same = (path: string, params: Params) => () => ({ path, params });

function clueCard(key: WorkbenchCardKey, roles: readonly Role[], params: Params): CardSpec {
  return {
    key,
    roles: both(roles, CLUE_READ_ROLES),
    api: same('/api/v1/clues', params),
    ledger: same('/clues', params),
    fetch: async (ctx, p) => {
      const { items, total } = await ledgerRows(ctx, ClueQuerySchema.parse({ ...p, ...page }), WORKBENCH_ROWS, 0, 'list', { exact: true });
      return {
        total,
        rows: items.map((c) => ({ id: c.id, title: c.title, number: c.clueNo, due: c.proposeDue, light: null, link: `/clues/${c.id}` })),
      };
    },
  };
}

/**
 * A 我的事项 card. `all`: the items my org leads or assists (the leaders' own org is the commission itself, which
 * leads none); `scope`: every item of my org scope — the leaders' figure (the 书记 the commission, a 分管领导 the
 * orgs in their charge).
 */
function itemCard(key: WorkbenchCardKey, light: 'RED' | 'YELLOW', side: 'all' | 'scope' = 'all'): CardSpec {
  const params = { role: side, light };
  return {
    key,
    roles: side === 'scope' ? both(LEADERS, SUPERVISION_ROLES) : SUPERVISION_ROLES.filter((r) => !LEADERS.includes(r) && r !== 'STANDING_COMMITTEE'),
    api: same('/api/v1/supervision/my-items', params),
    // The screen defaults to 牵头 and to this year; the card counts every year and both sides.
    ledger: same('/supervision/my-items', { ...params, year: 'all' }),
    fetch: async (ctx, p) => {
      const { items, total } = await myItems(ctx, MyItemsQuerySchema.parse({ ...p, ...page, exactTotal: 'true' }));
      return {
        total,
        rows: items.map((i) => ({
          id: i.id,
          title: i.matter,
          number: `${i.listTitle} 第${i.seq}项`,
          due: i.dueDate,
          light: i.light,
          link: `/supervision/items/${i.id}`,
        })),
      };
    },
  };
}

function taskCard(key: WorkbenchCardKey, light: 'RED' | 'YELLOW'): CardSpec {
  const params = { light };
  return {
    key,
    roles: REFORM_READ_ROLES,
    api: same('/api/v1/rectification-tasks', params),
    // The unit contact works in the portal; the commission's staff on the 整改督办 board.
    ledger: (ctx) => ({ path: isLiaison(ctx) ? '/portal/tasks' : '/rectification', params }),
    fetch: async (ctx, p) => {
      const { items, total } = await listTasks(ctx, TaskQuerySchema.parse({ ...p, ...page, exactTotal: 'true' }));
      const base = isLiaison(ctx) ? '/portal/tasks' : '/rectification';
      return {
        total,
        rows: items.map((t) => ({ id: t.id, title: t.issue, number: t.letter?.docNo ?? null, due: t.deadline, light: t.light, link: `${base}/${t.id}` })),
      };
    },
  };
}

/** The undertaking departments that lead cases (审查调查室, 派驻组, 县区纪委监委): the lead side of c.2. */
const LEAD_DEPT_ROLES: readonly Role[] = ['OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF'];

/** A case ledger card; the screen's stage tabs are told `all` so that the filter alone decides the rows. */
function caseCard(key: WorkbenchCardKey, roles: readonly Role[], params: Params): CardSpec {
  return {
    key,
    roles: both(roles, CASE_READ_ROLES),
    api: same('/api/v1/cases', params),
    ledger: same('/cases', { stage: 'all', ...params }),
    fetch: async (ctx, p) => {
      const { items, total } = await listCases(ctx, CaseListQuerySchema.parse({ ...p, ...page }), 'list', { exact: true });
      return {
        total,
        rows: items.map((c) => ({ id: c.id, title: c.title, number: c.caseNo, due: c.trialDue, light: null, link: `/cases/${c.id}` })),
      };
    },
  };
}

/** A letter ledger card; `screen` is the staff's ledger or the unit liaison's portal list. */
function letterCard(key: WorkbenchCardKey, roles: readonly Role[], params: Params, screen = '/letters'): CardSpec {
  return {
    key,
    roles: both(roles, LETTER_ROLES),
    api: same('/api/v1/letters', params),
    ledger: same(screen, params),
    fetch: async (ctx, p) => {
      const { items, total } = await listLetters(ctx, LetterListQuerySchema.parse({ ...p, ...page, exactTotal: 'true' }));
      return {
        total,
        rows: items.map((l) => ({
          id: l.id,
          title: l.title,
          number: l.docNo,
          due: l.replyDue,
          light: l.replyOverdue ? 'RED' : null,
          link: `${screen}/${l.id}`,
        })),
      };
    },
  };
}

/** Every card, in display order. */
export const CARDS: readonly CardSpec[] = [
  {
    key: 'clueApprovals',
    roles: ['SECRETARY', 'DEPUTY_OR_MEMBER', 'CASE_MANAGER'],
    api: same('/api/v1/clue-requests', { mine: 'true', status: 'PENDING' }),
    // The approvals screen shows my pending requests unless told `scope=all`.
    ledger: same('/clues/approvals', {}),
    fetch: async (ctx, p) => {
      const { items, total } = await listRequests(ctx, ClueRequestQuerySchema.parse({ ...p, ...page }));
      return {
        total,
        rows: items.map((r) => ({ id: r.id, title: r.clueTitle, number: r.clueNo, due: null, light: null, link: `/clues/${r.clueId}` })),
      };
    },
  },
  clueCard('cluesToRegister', ['CASE_MANAGER'], { state: 'RECEIVED' }),
  clueCard('cluesToAssign', ['CASE_MANAGER'], { state: 'REGISTERED' }),
  // The 信访室's own steps on petitions (d.1): the receipt notice to a real-name complainant, and the result fed back.
  clueCard('cluesAcknowledgeDue', ['PETITION_OFFICER'], { overdue: 'ACKNOWLEDGE_DUE' }),
  clueCard('cluesFeedbackDue', ['PETITION_OFFICER'], { overdue: 'FEEDBACK_DUE' }),
  clueCard('cluesProposalOverdue', [...UNDERTAKING_ROLES, ...LEADERS], { overdue: 'PROPOSAL_DUE' }),
  clueCard('cluesInProgress', LEADERS, { state: [...CLUE_OPEN] }),
  caseCard('casesOpen', both(LEADERS, CASE_READ_ROLES), {
    state: [...CASE_STAGE_STATES.INVESTIGATION, ...CASE_STAGE_STATES.TRIAL, ...CASE_STAGE_STATES.DECIDED].join(','),
  }),
  // The lead side's steps after the decision (c.2): announce it, then report its execution, each within its period.
  caseCard('casesAnnounceDue', LEAD_DEPT_ROLES, { overdue: 'DECISION_ANNOUNCE_DUE' }),
  caseCard('casesExecutionDue', LEAD_DEPT_ROLES, { overdue: 'EXECUTION_DUE' }),
  itemCard('itemsOverdue', 'RED'),
  itemCard('itemsOverdueInScope', 'RED', 'scope'),
  itemCard('itemsDueSoon', 'YELLOW'),
  taskCard('tasksOverdue', 'RED'),
  taskCard('tasksDueSoon', 'YELLOW'),
  letterCard('lettersToReview', [...REVIEWER_ROLES, ...APPROVER_ROLES, 'DEPUTY_OR_MEMBER'], { state: 'UNDER_REVIEW' }),
  letterCard('lettersToServe', DRAFTER_ROLES, { state: 'APPROVED,ISSUED' }),
  // c.6: an objection waits for the 书记's decision (upheld → amended, rejected → served again).
  letterCard('lettersObjected', APPROVER_ROLES, { state: 'OBJECTED' }),
  letterCard('lettersReplyOverdue', [...DRAFTER_ROLES, ...LEADERS], { overdueReply: 'true' }),
  // The unit's side of a letter: adopt or object once served, then the written reply (c.6). The liaison reads only
  // its own unit's letters (letterVisible), so the ledger is its portal's list under the same filter.
  letterCard('lettersToAnswer', ['UNIT_LIAISON'], { state: 'SERVED,RECTIFYING' }, '/portal/letters'),
  {
    key: 'reportApprovals',
    roles: REPORT_ROLES,
    api: same('/api/v1/report-slots', { toApprove: 'true' }),
    ledger: same('/work-reports', { toApprove: 'true' }),
    fetch: async (ctx, p) => {
      const { items, total } = await listSlots(ctx, SlotQuerySchema.parse({ ...p, ...page }));
      return {
        total,
        rows: items.map((s) => ({
          id: s.id,
          title: s.report?.title || `${s.reporterOrg.name} ${s.periodLabel}`,
          number: `${s.reporterOrg.name} ${s.periodLabel}`,
          due: s.dueOn,
          light: s.light,
          link: s.report ? `/work-reports/${s.report.id}` : '/work-reports',
        })),
      };
    },
  },
  {
    // b.6: every consultation of a 廉政档案 waits for the leader overseeing the 干部监督室 (the 书记 when that leader is the
    // cadre) — the same list as the approvals screen.
    key: 'integrityFileApprovals',
    roles: ['DEPUTY_OR_MEMBER', 'SECRETARY'],
    api: same('/api/v1/integrity-file-requests', { view: 'toApprove', state: 'PENDING' }),
    ledger: same('/integrity-files/approvals', {}),
    fetch: async (ctx, p) => {
      const { items, total } = await listFileRequests(ctx, RequestListQuerySchema.parse({ ...p, ...page }));
      return {
        total,
        rows: items.map((r) => ({
          id: r.id,
          title: `${r.person.name}（${r.person.unitName ?? ''}）`,
          number: r.requester.name,
          due: null,
          light: null,
          link: '/integrity-files/approvals',
        })),
      };
    },
  },
  {
    // b.5: a 廉政档案 is brought up to date at least yearly; the register (and its audit of the names listed) is the ledger.
    key: 'integrityFilesStale',
    roles: ['CADRE_SUPERVISION'],
    api: same('/api/v1/integrity-files', { stale: 'true' }),
    ledger: same('/integrity-files', { stale: 'true' }),
    fetch: async (ctx, p) => {
      // a CADRE_SUPERVISION account outside a 干部监督室 keeps no files (the register answers it 404): nothing waits
      const kept = await listFiles(ctx, FileListQuerySchema.parse({ ...p, ...page })).catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'NOT_FOUND') return { items: [], total: 0 };
        throw e;
      });
      const { items, total } = kept;
      return {
        total,
        rows: items.map((f) => ({
          id: f.id,
          title: `${f.person.name}（${f.person.unitName ?? ''}）`,
          number: null,
          due: f.contentUpdatedAt.slice(0, 10),
          light: 'RED' as const,
          link: `/integrity-files/${f.id}`,
        })),
      };
    },
  },
  {
    key: 'decisionsOverdue',
    roles: MEETING_READ_ROLES,
    // Leaders follow every decision they see; everyone else the decisions their own org carries out.
    api: (ctx) => ({ path: '/api/v1/meeting-decisions', params: { view: decisionView(ctx), light: 'RED' } }),
    ledger: (ctx) => ({ path: '/meetings/decisions', params: { view: decisionView(ctx), light: 'RED' } }),
    fetch: async (ctx, p) => {
      const { items, total } = await listDecisions(ctx, DecisionQuerySchema.parse({ ...p, ...page }));
      return {
        total,
        rows: items.map((d) => ({ id: d.id, title: d.content, number: d.meeting.title, due: d.deadline, light: d.light, link: `/meetings/decisions/${d.id}` })),
      };
    },
  },
  {
    key: 'unreadMessages',
    roles: [...CLUE_READ_ROLES, ...REFORM_READ_ROLES, ...SUPERVISION_ROLES],
    api: same('/api/v1/inbox', { unread: 'true' }),
    ledger: same('/inbox', {}),
    fetch: async (ctx) => {
      const { items, unread } = await listInbox(ctx, { unread: true, limit: WORKBENCH_ROWS });
      return {
        total: unread,
        rows: items.map((m) => ({ id: m.id, title: m.title, number: null, due: null, light: null, link: m.link?.startsWith('/') ? m.link : '/inbox' })),
      };
    },
  },
];

function decisionView(ctx: Ctx): 'all' | 'owned' {
  return ctx.actor.roles.some((r) => MEETING_LEADER_ROLES.includes(r) || LEADERS.includes(r)) ? 'all' : 'owned';
}
