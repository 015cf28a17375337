import type { LetterState, TaskState } from '@liandong/domain/reform/machine';
import type { Light } from '@liandong/domain/supervision/enums';
import { Tag } from 'antd';
import { useI18n } from '../../lib/i18n';
import type { MessageKey } from '../../locales/zh-CN';
import type { LetterListItem, TaskListItem } from './api';

/** What the unit has to do about a letter, in plain words (the commission's own states are not shown to the unit). */
const LETTER_NEXT: Partial<Record<LetterState, [MessageKey, string]>> = {
  ISSUED: ['portal.nextLetter.ISSUED', 'default'],
  SERVED: ['portal.nextLetter.SERVED', 'orange'],
  OBJECTED: ['portal.nextLetter.OBJECTED', 'purple'],
  RECTIFYING: ['portal.nextLetter.RECTIFYING', 'blue'],
  REPLIED: ['portal.nextLetter.REPLIED', 'cyan'],
  EVALUATED: ['portal.nextLetter.EVALUATED', 'green'],
  CLOSED: ['portal.nextLetter.CLOSED', 'green'],
  NON_COMPLIANT: ['portal.nextLetter.NON_COMPLIANT', 'red'],
  ESCALATED: ['portal.nextLetter.ESCALATED', 'red'],
  WITHDRAWN: ['portal.nextLetter.WITHDRAWN', 'default'],
};

export function LetterNextStep({ letter }: { letter: Pick<LetterListItem, 'state' | 'replyOverdue' | 'id'> }) {
  const { t } = useI18n();
  const next = LETTER_NEXT[letter.state];
  if (!next) return null;
  return (
    <span data-testid={`portal-letter-next-${letter.id}`} data-state={letter.state}>
      <Tag color={letter.replyOverdue ? 'red' : next[1]}>{t(next[0])}</Tag>
    </span>
  );
}

const TASK_NEXT: Record<TaskState, [MessageKey, string]> = {
  ASSIGNED: ['portal.nextTask.ASSIGNED', 'orange'],
  PLAN_SUBMITTED: ['portal.nextTask.PLAN_SUBMITTED', 'cyan'],
  IN_PROGRESS: ['portal.nextTask.IN_PROGRESS', 'blue'],
  REPORTED_DONE: ['portal.nextTask.REPORTED_DONE', 'cyan'],
  RETURNED: ['portal.nextTask.RETURNED', 'red'],
  VERIFIED: ['portal.nextTask.VERIFIED', 'green'],
  CLOSED: ['portal.nextTask.CLOSED', 'green'],
  OVERDUE: ['portal.nextTask.OVERDUE', 'red'],
  ESCALATED: ['portal.nextTask.ESCALATED', 'red'],
};

export function TaskNextStep({ task }: { task: Pick<TaskListItem, 'state' | 'id'> }) {
  const { t } = useI18n();
  const [key, color] = TASK_NEXT[task.state];
  return (
    <span data-testid={`portal-task-next-${task.id}`} data-state={task.state}>
      <Tag color={color}>{t(key)}</Tag>
    </span>
  );
}

const LIGHT_TAG: Record<Light, [string, MessageKey]> = {
  GREEN: ['success', 'portal.light.GREEN'],
  YELLOW: ['warning', 'portal.light.YELLOW'],
  RED: ['error', 'portal.light.RED'],
  DONE: ['processing', 'portal.light.DONE'],
  NONE: ['default', 'portal.light.NONE'],
};

/** The deadline light in plain words (按期 / 快到期 / 已超期). */
export function PlainLight({ light }: { light: Light }) {
  const { t } = useI18n();
  const [color, key] = LIGHT_TAG[light];
  return (
    <Tag color={color} data-light={light}>
      {t(key)}
    </Tag>
  );
}
