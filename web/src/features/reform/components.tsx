import type { Labelled } from '@liandong/domain/labels';
import {
  ACCOUNTABILITY_METHOD_LABELS,
  ACCOUNTABILITY_TARGET_LABELS,
  METHODS_BY_TARGET,
  REFORM_STATE_LABELS,
  TASK_SOURCE_LABELS,
} from '@liandong/domain/reform/enums';
import { ESCALATION_STEP_LABELS, type EscalationStep, TASK_STATE_LABELS, type TaskState } from '@liandong/domain/reform/machine';
import { LIGHT_LABELS, type Light } from '@liandong/domain/supervision/enums';
import { Col, DatePicker, Flex, Form, type FormInstance, Input, Row, Select, Steps, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { EnumTag } from '../../components/EnumTag';
import type { FieldDef } from '../../components/entity';
import { OrgSelect } from '../../components/OrgSelect';
import { formatDate } from '../../lib/format';
import { type TFunction, useI18n } from '../../lib/i18n';
import { enumOptions } from '../../lib/options';
import type { ReformState, TaskListItem } from './api';

type LabelFn = <T extends string>(labels: Labelled<T>, code: T | string | null | undefined) => string;

export const REFORM_STATE_COLORS: Record<ReformState, string> = { COLLECTING: 'blue', ANALYSED: 'purple', RECOMMENDED: 'gold', CLOSED: 'green' };

export const TASK_STATE_COLORS: Record<TaskState, string> = {
  ASSIGNED: 'default',
  PLAN_SUBMITTED: 'cyan',
  IN_PROGRESS: 'blue',
  REPORTED_DONE: 'geekblue',
  RETURNED: 'orange',
  VERIFIED: 'lime',
  CLOSED: 'green',
  OVERDUE: 'red',
  ESCALATED: 'volcano',
};

const LIGHT_COLORS: Record<Light, string> = { GREEN: '#52c41a', YELLOW: '#faad14', RED: '#f5222d', DONE: '#1677ff', NONE: '#bfbfbf' };
const LIGHT_TAG: Record<Light, string> = { GREEN: 'success', YELLOW: 'warning', RED: 'error', DONE: 'processing', NONE: 'default' };

/** 督办灯: green on track, yellow due within 5 working days, red overdue (server-computed). */
export function LightBadge({ light, taskId }: { light: Light; taskId?: string }) {
  const { label } = useI18n();
  return (
    <span className="ld-light" data-testid={taskId ? `task-light-${taskId}` : undefined} data-light={light}>
      <Tag color={LIGHT_TAG[light]} style={{ marginInlineEnd: 0 }}>
        <span className="ld-light-dot" style={{ background: LIGHT_COLORS[light] }} /> {label(LIGHT_LABELS, light)}
      </Tag>
    </span>
  );
}

export function TaskStateTag({ state }: { state: TaskState }) {
  return <EnumTag labels={TASK_STATE_LABELS} value={state} colors={TASK_STATE_COLORS} />;
}

export function ReformStateTag({ state }: { state: ReformState }) {
  return <EnumTag labels={REFORM_STATE_LABELS} value={state} colors={REFORM_STATE_COLORS} />;
}

const LADDER = Object.keys(ESCALATION_STEP_LABELS) as EscalationStep[];

/** 督办阶梯 催办 → 约谈 → 通报 → 问责, with the rung reached (and the next one highlighted). */
export function EscalationLadder({ current, next }: { current: EscalationStep | null; next?: EscalationStep | null }) {
  const { label } = useI18n();
  const reached = current ? LADDER.indexOf(current) : -1;
  return (
    <Steps
      size="small"
      current={next ? LADDER.indexOf(next) : reached}
      status={next ? 'process' : reached >= 0 ? 'error' : 'wait'}
      data-testid="escalation-ladder"
      items={LADDER.map((s) => ({ key: s, title: label(ESCALATION_STEP_LABELS, s) }))}
    />
  );
}

/** A deadline with days left/overdue. */
export function Deadline({ date, light }: { date: string; light: Light }) {
  const { t } = useI18n();
  const left = dayjs(date).startOf('day').diff(dayjs().startOf('day'), 'day');
  const active = light === 'RED' || light === 'YELLOW';
  return (
    <Flex vertical gap={0}>
      <span>{formatDate(date)}</span>
      {active ? (
        <Typography.Text type={light === 'RED' ? 'danger' : 'warning'} style={{ fontSize: 12 }}>
          {left < 0 ? t('rect.overdueDays', { days: -left }) : t('rect.dueInDays', { days: left })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** Columns of the 整改督办 board, defined once. */
export function taskFields(t: TFunction, label: LabelFn): FieldDef<TaskListItem>[] {
  return [
    { key: 'light', title: t('rect.light'), width: 90, render: (r) => <LightBadge light={r.light} taskId={r.id} /> },
    {
      key: 'issue',
      title: t('rect.issue'),
      width: 280,
      ellipsis: true,
      render: (r) => (
        <Tooltip title={r.issue}>
          <Link to={`/rectification/${r.id}`} data-testid={`task-link-${r.id}`}>
            {r.issue}
          </Link>
        </Tooltip>
      ),
    },
    { key: 'unit', title: t('rect.unit'), width: 170, ellipsis: true, render: (r) => r.unit.name },
    { key: 'campaign', title: t('campaignLink.campaign'), width: 180, ellipsis: true, render: (r) => r.campaignName ?? '—' },
    {
      key: 'source',
      title: t('rect.source'),
      width: 200,
      ellipsis: true,
      render: (r) =>
        r.letter ? (
          <Link to={`/letters/${r.letter.id}`}>
            {r.letter.docNo ?? r.letter.title}
            {r.letterItemNo ? ` · ${t('rect.itemNo', { no: r.letterItemNo })}` : ''}
          </Link>
        ) : (
          label(TASK_SOURCE_LABELS, r.source)
        ),
    },
    { key: 'state', title: t('rect.state'), width: 120, render: (r) => <TaskStateTag state={r.state} /> },
    { key: 'deadline', title: t('rect.deadline'), width: 120, render: (r) => <Deadline date={r.deadline} light={r.light} /> },
    {
      key: 'escalation',
      title: t('rect.escalation'),
      width: 90,
      render: (r) => (r.escalationStep ? <Tag color="volcano">{label(ESCALATION_STEP_LABELS, r.escalationStep)}</Tag> : '—'),
    },
    { key: 'supervisor', title: t('rect.supervisor'), width: 150, ellipsis: true, render: (r) => `${r.supervisor.name} · ${r.supervisorOrg.name}` },
  ];
}

/** Fields of an accountability (问责条例 art.8): the method list follows the target (党组织 / 领导干部). */
export function AccountabilityFields({ form, prefix = [] }: { form: FormInstance; prefix?: string[] }) {
  const { t, label } = useI18n();
  const name = (n: string) => [...prefix, n];
  const targetKind = Form.useWatch(name('targetKind'), form) as keyof typeof METHODS_BY_TARGET | undefined;
  const methods = targetKind ? METHODS_BY_TARGET[targetKind] : [];
  const required = { required: true, whitespace: true, message: t('acc.required') };
  return (
    <Row gutter={12}>
      <Col span={12}>
        <Form.Item name={name('targetKind')} label={t('acc.targetKind')} rules={[{ required: true, message: t('acc.required') }]}>
          <Select
            options={enumOptions(ACCOUNTABILITY_TARGET_LABELS, label)}
            data-testid="acc-target-kind"
            onChange={(kind: keyof typeof METHODS_BY_TARGET) => {
              const method = form.getFieldValue(name('method'));
              if (method && !METHODS_BY_TARGET[kind].includes(method)) form.setFieldValue(name('method'), undefined);
            }}
          />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name={name('method')}
          label={t('acc.method')}
          rules={[{ required: true, message: t('acc.required') }]}
          extra={targetKind ? undefined : t('acc.methodHint')}
        >
          <Select options={methods.map((m) => ({ value: m, label: label(ACCOUNTABILITY_METHOD_LABELS, m) }))} disabled={!targetKind} data-testid="acc-method" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={name('targetName')} label={targetKind === 'PARTY_ORG' ? t('acc.targetOrgName') : t('acc.targetName')} rules={[required, { max: 200 }]}>
          <Input data-testid="acc-target-name" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={name('targetPosition')} label={t('acc.targetPosition')} rules={[{ max: 200 }]}>
          <Input data-testid="acc-target-position" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={name('targetOrgId')} label={t('acc.targetOrg')}>
          <OrgSelect data-testid="acc-target-org" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={name('decidingBody')} label={t('acc.decidingBody')} rules={[required, { max: 200 }]}>
          <Input data-testid="acc-deciding-body" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={name('decidedOn')} label={t('acc.decidedOn')} rules={[{ required: true, message: t('acc.required') }]}>
          <DatePicker style={{ width: '100%' }} data-testid="acc-decided-on" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={name('procedureDue')} label={t('acc.procedureDue')} extra={t('acc.procedureDueHint')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name={name('basis')} label={t('acc.basis')} rules={[required, { max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="acc-basis" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name={name('facts')} label={t('acc.facts')} rules={[{ max: 20000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="acc-facts" />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Form values of AccountabilityFields → the contract's fields. */
export interface AccountabilityValues {
  targetKind: keyof typeof METHODS_BY_TARGET;
  method: (typeof METHODS_BY_TARGET)[keyof typeof METHODS_BY_TARGET][number];
  targetName: string;
  targetPosition?: string;
  targetOrgId?: string;
  decidingBody: string;
  decidedOn: dayjs.Dayjs;
  procedureDue?: dayjs.Dayjs | null;
  basis: string;
  facts?: string;
}

export function accountabilityBody(v: AccountabilityValues) {
  return {
    targetKind: v.targetKind,
    method: v.method,
    targetName: v.targetName.trim(),
    targetPosition: v.targetPosition?.trim() || null,
    targetOrgId: v.targetOrgId ?? null,
    decidingBody: v.decidingBody.trim(),
    decidedOn: v.decidedOn.format('YYYY-MM-DD'),
    procedureDue: v.procedureDue ? v.procedureDue.format('YYYY-MM-DD') : null,
    basis: v.basis.trim(),
    facts: v.facts?.trim() || undefined,
  };
}
