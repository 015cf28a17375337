import type { CaseState } from '@liandong/domain/cases/machine';
import { Steps, type StepsProps } from 'antd';
import type { MessageKey } from '../../locales/zh-CN';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { CaseDetail } from './api';

/** The twelve stages of a case (立案 → … → 归档) with the date that closes each, when known. */
const STEPS: { key: MessageKey; date?: keyof CaseDetail['deadlines'] }[] = [
  { key: 'cases.step.filing', date: 'filedOn' },
  { key: 'cases.step.plan', date: 'planApprovedOn' },
  { key: 'cases.step.announce', date: 'announcedOn' },
  { key: 'cases.step.investigate' },
  { key: 'cases.step.facts', date: 'factsConfirmedOn' },
  { key: 'cases.step.report', date: 'investigationReportedOn' },
  { key: 'cases.step.trial', date: 'trialReceivedOn' },
  { key: 'cases.step.deliberate', date: 'deliberatedOn' },
  { key: 'cases.step.decide', date: 'decidedOn' },
  { key: 'cases.step.announceDecision', date: 'decisionAnnouncedOn' },
  { key: 'cases.step.execute', date: 'executedOn' },
  { key: 'cases.step.archive', date: 'archivedOn' },
];

/** The step being worked on in each state (the steps before it are done; 见面 and 审议 are single events). */
const CURRENT: Record<Exclude<CaseState, 'REVOKED'>, number> = {
  FILING_PROPOSED: 0,
  FILED: 1,
  PLAN_APPROVED: 2,
  ANNOUNCED: 3,
  INVESTIGATING: 3,
  FACTS_CONFIRMED: 5,
  INVESTIGATION_REPORTED: 6,
  IN_TRIAL: 6,
  SUPPLEMENT_REQUESTED: 6,
  TRIAL_DELIBERATED: 8,
  DECIDED: 9,
  PROSECUTION_TRANSFERRED: 9,
  SANCTION_ANNOUNCED: 10,
  EXECUTED: 11,
  ARCHIVED: 11,
};

/** Where a case stands on its twelve stages; a supplement request shows as a warning on 审理, a revocation as an error. */
export function CaseSteps({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  let current: number;
  let status: StepsProps['status'] = 'process';
  if (detail.state === 'REVOKED') {
    const from = [...detail.timeline].reverse().find((e) => e.toState === 'REVOKED')?.fromState;
    current = from && from !== 'REVOKED' ? CURRENT[from] : 0;
    status = 'error';
  } else {
    current = CURRENT[detail.state];
    if (detail.state === 'ARCHIVED') status = 'finish';
    if (detail.state === 'SUPPLEMENT_REQUESTED') status = 'error';
  }
  const started = detail.timeline.find((e) => e.toState === 'INVESTIGATING')?.at;
  return (
    <Steps
      size="small"
      titlePlacement="vertical"
      current={current}
      status={status}
      data-testid="case-steps"
      data-current={current}
      style={{ overflowX: 'auto', paddingBottom: 4 }}
      items={STEPS.map((s, i) => {
        const day = s.date ? detail.deadlines[s.date] : i === 3 ? started : null;
        const text = i === current && detail.state === 'SUPPLEMENT_REQUESTED' ? t('cases.supplementing') : undefined;
        return {
          key: s.key,
          title: t(s.key),
          content: text ?? (typeof day === 'string' && i < current + (status === 'finish' ? 1 : 0) ? formatDate(day) : undefined),
        };
      })}
    />
  );
}
