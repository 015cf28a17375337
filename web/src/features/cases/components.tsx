import type { Labelled } from '@liandong/domain/labels';
import { CASE_STAGE_LABELS, type CaseOverdueKind, type CaseStage } from '@liandong/domain/cases/contracts';
import { ADMIN_SANCTION_LABELS, MAJOR_ORG_MEASURES, ORG_MEASURE_LABELS, OUTCOME_KIND_LABELS, PARTY_SANCTION_LABELS } from '@liandong/domain/cases/enums';
import { CASE_STATE_LABELS, type CaseOutcome, type CaseState, FOUR_FORMS_LABELS, type FourForm, fourFormOf } from '@liandong/domain/cases/machine';
import { FIRST_FORM_MEASURE_LABELS, OVERDUE_KIND_LABELS } from '@liandong/domain/clues/enums';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { EnumTag } from '../../components/EnumTag';
import type { FieldDef } from '../../components/entity';
import { formatDate, formatDateTime } from '../../lib/format';
import { type TFunction, useI18n } from '../../lib/i18n';
import type { CaseListItem, Measure, Outcome, OutcomeInput } from './api';

type LabelFn = <T extends string>(labels: Labelled<T>, code: T | string | null | undefined) => string;

export const CASE_STATE_COLORS: Record<CaseState, string> = {
  FILING_PROPOSED: 'default',
  FILED: 'cyan',
  PLAN_APPROVED: 'cyan',
  ANNOUNCED: 'blue',
  INVESTIGATING: 'blue',
  FACTS_CONFIRMED: 'geekblue',
  INVESTIGATION_REPORTED: 'geekblue',
  IN_TRIAL: 'purple',
  SUPPLEMENT_REQUESTED: 'orange',
  TRIAL_DELIBERATED: 'purple',
  DECIDED: 'magenta',
  PROSECUTION_TRANSFERRED: 'volcano',
  SANCTION_ANNOUNCED: 'gold',
  EXECUTED: 'green',
  ARCHIVED: 'default',
  REVOKED: 'default',
};

export const STAGE_COLORS: Record<CaseStage, string> = { INVESTIGATION: 'blue', TRIAL: 'purple', DECIDED: 'magenta', CLOSED: 'green' };

/** 四种形态 colours, lightest to heaviest. */
export const FOUR_FORM_COLORS: Record<FourForm, string> = { FIRST: '#52c41a', SECOND: '#faad14', THIRD: '#fa541c', FOURTH: '#a8071a' };
const FOUR_FORM_TAG: Record<FourForm, string> = { FIRST: 'green', SECOND: 'gold', THIRD: 'volcano', FOURTH: 'red' };

export function CaseStateTag({ state }: { state: CaseState }) {
  return <EnumTag labels={CASE_STATE_LABELS} value={state} colors={CASE_STATE_COLORS} />;
}

export function FourFormTag({ form }: { form: FourForm | null | undefined }) {
  const { label } = useI18n();
  if (!form) return null;
  return (
    <Tag color={FOUR_FORM_TAG[form]} data-testid={`four-form-${form}`}>
      {label(FOUR_FORMS_LABELS, form)}
    </Tag>
  );
}

/** Days from today to a due date (negative: overdue); null without a date. */
export function daysLeft(due: string | null | undefined): number | null {
  if (!due) return null;
  return dayjs(due).startOf('day').diff(dayjs().startOf('day'), 'day');
}

/** A due date with the days left or overdue; `done` (the step happened) hides the count. */
export function DueText({ due, done, testId }: { due: string | null | undefined; done?: boolean; testId?: string }) {
  const { t } = useI18n();
  if (!due) return <>—</>;
  const left = daysLeft(due);
  return (
    <Flex vertical gap={0} data-testid={testId}>
      <span>{formatDate(due)}</span>
      {!done && left !== null ? (
        <Typography.Text type={left < 0 ? 'danger' : left <= 7 ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
          {left < 0 ? t('cases.overdueDays', { days: -left }) : left === 0 ? t('cases.dueToday') : t('cases.dueInDays', { days: left })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** The overdue alarms of a case (审理到期, 处分宣布到期 …) as red tags. */
export function DueFlags({ flags }: { flags: readonly CaseOverdueKind[] }) {
  const { label } = useI18n();
  if (!flags.length) return <>—</>;
  return (
    <Flex wrap gap={2}>
      {flags.map((f) => (
        <Tag key={f} color="red" style={{ marginInlineEnd: 0 }}>
          {label(OVERDUE_KIND_LABELS, f)}
        </Tag>
      ))}
    </Flex>
  );
}

/** The label table of an outcome's detail code (sanction or measure), if the kind has one. */
function detailLabels(kind: Outcome['kind']): Labelled<string> | null {
  switch (kind) {
    case 'FIRST_FORM_MEASURE':
      return FIRST_FORM_MEASURE_LABELS;
    case 'PARTY_SANCTION':
      return PARTY_SANCTION_LABELS;
    case 'ADMIN_SANCTION':
      return ADMIN_SANCTION_LABELS;
    case 'ORGANISATIONAL_MEASURE':
      return ORG_MEASURE_LABELS;
    default:
      return null;
  }
}

/** "党纪处分 · 严重警告" — the kind with its sanction or measure (or the free text). */
export function outcomeText(o: Pick<Outcome, 'kind' | 'detail'>, label: LabelFn): string {
  const kind = label(OUTCOME_KIND_LABELS, o.kind);
  if (!o.detail) return kind;
  const labels = detailLabels(o.kind);
  return `${kind} · ${labels ? label(labels, o.detail) : o.detail}`;
}

/** The 四种形态 an outcome being entered will count as (the server computes the same); null outside them. */
export function previewFourForm(input: Partial<OutcomeInput> | undefined): FourForm | null {
  if (!input?.kind) return null;
  let outcome: CaseOutcome | null = null;
  switch (input.kind) {
    case 'FIRST_FORM_MEASURE':
      outcome = { kind: 'FIRST_FORM_MEASURE' };
      break;
    case 'PARTY_SANCTION':
      outcome = 'sanction' in input && input.sanction ? { kind: 'PARTY_SANCTION', sanction: input.sanction } : null;
      break;
    case 'ADMIN_SANCTION':
      outcome = 'sanction' in input && input.sanction ? { kind: 'ADMIN_SANCTION', sanction: input.sanction } : null;
      break;
    case 'ORGANISATIONAL_MEASURE':
      outcome = 'measure' in input && input.measure ? { kind: 'ORGANISATIONAL_MEASURE', major: MAJOR_ORG_MEASURES.includes(input.measure) } : null;
      break;
    case 'PROSECUTION':
      outcome = { kind: 'PROSECUTION' };
      break;
    default:
      outcome = null;
  }
  return outcome ? fourFormOf(outcome) : null;
}

/** The deadline the case is running against now: trial, announcement or execution report. */
function runningDue(c: CaseListItem): string | null {
  if (c.stage === 'TRIAL') return c.trialDue;
  if (c.state === 'DECIDED' || c.state === 'PROSECUTION_TRANSFERRED') return c.decisionAnnounceDue;
  if (c.state === 'SANCTION_ANNOUNCED') return c.executionReportDue;
  return null;
}

/** Columns of the ledger (and the trial list), defined once. */
export function caseFields(t: TFunction, label: LabelFn): FieldDef<CaseListItem>[] {
  return [
    {
      key: 'caseNo',
      title: t('cases.caseNo'),
      width: 170,
      render: (c) => (
        <Link to={`/cases/${c.id}`} data-testid={`case-link-${c.id}`}>
          {c.caseNo}
        </Link>
      ),
    },
    { key: 'title', title: t('cases.title'), width: 260, ellipsis: true, render: (c) => <Tooltip title={c.title}>{c.title}</Tooltip> },
    {
      key: 'subject',
      title: t('cases.subject'),
      width: 150,
      render: (c) => (
        <Flex vertical gap={0}>
          <span>{c.subjectName}</span>
          {c.subjectPosition ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.subjectPosition}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { key: 'subjectOrgName', title: t('cases.subjectUnit'), width: 150, ellipsis: true, render: (c) => c.subjectOrgName ?? '—' },
    { key: 'leadOrgName', title: t('cases.leadOrg'), width: 160, ellipsis: true },
    { key: 'sector', title: t('problem.sector'), width: 110, render: (c) => c.sectorLabel ?? '—' },
    {
      key: 'state',
      title: t('cases.state'),
      width: 150,
      render: (c) => (
        <Flex vertical gap={2} align="start">
          <CaseStateTag state={c.state} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {label(CASE_STAGE_LABELS, c.stage)}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'filedOn', title: t('cases.filedOn'), width: 110, render: (c) => formatDate(c.filedOn) },
    {
      key: 'due',
      title: t('cases.due'),
      width: 170,
      render: (c) => {
        if (c.flags.length) return <DueFlags flags={c.flags} />;
        const due = runningDue(c);
        return due ? <DueText due={due} /> : '—';
      },
    },
    {
      key: 'fourForms',
      title: t('cases.fourForms'),
      width: 130,
      render: (c) =>
        c.fourForms.length ? (
          <Flex wrap gap={2}>
            {[...new Set(c.fourForms)].map((f) => (
              <FourFormTag key={f} form={f} />
            ))}
          </Flex>
        ) : (
          '—'
        ),
    },
  ];
}

/** 留置's 24-hour notice to the unit and family (监察法 2024 art. 50): due, given, withheld or overdue. */
export function NoticeText({ notice, testId }: { notice: NonNullable<Measure['notice']>; testId?: string }) {
  const { t } = useI18n();
  if (notice.notifiedAt) return <span data-testid={testId}>{t('cases.noticeDone', { time: formatDateTime(notice.notifiedAt) })}</span>;
  if (notice.withheldReason)
    return (
      <Tooltip title={notice.withheldReason}>
        <Tag data-testid={testId}>{t('cases.noticeWithheldTag')}</Tag>
      </Tooltip>
    );
  return (
    <Flex vertical gap={0} data-testid={testId}>
      <span>{t('cases.noticeDue', { time: formatDateTime(notice.dueAt) })}</span>
      {notice.overdue ? (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {t('cases.noticeOverdue')}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** The deadline of a measure: a timestamp with its hours for 强制到案, a day otherwise. */
export function MeasureDue({ m }: { m: Measure }) {
  const { t } = useI18n();
  if (!m.dueAt) return <DueText due={m.dueOn} done={Boolean(m.endedOn)} />;
  return (
    <Flex vertical gap={0} data-testid={`measure-due-${m.id}`}>
      <span>{t('cases.dueAtHours', { time: formatDateTime(m.dueAt), n: m.limitHours ?? 0 })}</span>
      {!m.endedOn && m.overdue ? (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {t('cases.overdue')}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
