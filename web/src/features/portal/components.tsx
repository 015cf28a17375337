import type { RecState, TaskState } from '@liandong/domain/reform/machine';
import type { Light } from '@liandong/domain/supervision/enums';
import { Tag } from 'antd';
import { useI18n } from '../../lib/i18n';
import type { MessageKey } from '../../locales/zh-CN';
import type { LetterListItem, TaskListItem } from './api';

/** What the unit has to do about a letter, in plain words (the commission's own states are not shown to the unit). */
const LETTER_TODO: Partial<Record<RecState, [MessageKey, string]>> = {
  ISSUED: ['portal.todoLetter.ISSUED', 'default'],
  SERVED: ['portal.todoLetter.SERVED', 'orange'],
  OBJECTED: ['portal.todoLetter.OBJECTED', 'purple'],
  RECTIFYING: ['portal.todoLetter.RECTIFYING', 'blue'],
  REPLIED: ['portal.todoLetter.REPLIED', 'cyan'],
  EVALUATED: ['portal.todoLetter.EVALUATED', 'green'],
  CLOSED: ['portal.todoLetter.CLOSED', 'green'],
  NON_COMPLIANT: ['portal.todoLetter.NON_COMPLIANT', 'red'],
  ESCALATED: ['portal.todoLetter.ESCALATED', 'red'],
  WITHDRAWN: ['portal.todoLetter.WITHDRAWN', 'default'],
};

export function LetterTodo({ letter }: { letter: Pick<LetterListItem, 'state' | 'replyOverdue' | 'id'> }) {
  const { t } = useI18n();
  const todo = LETTER_TODO[letter.state];
  if (!todo) return null;
  return (
    <span data-testid={`portal-letter-todo-${letter.id}`} data-state={letter.state}>
      <Tag color={letter.replyOverdue ? 'red' : todo[1]}>{t(todo[0])}</Tag>
    </span>
  );
}

const TASK_TODO: Record<TaskState, [MessageKey, string]> = {
  ASSIGNED: ['portal.todoTask.ASSIGNED', 'orange'],
  PLAN_SUBMITTED: ['portal.todoTask.PLAN_SUBMITTED', 'cyan'],
  IN_PROGRESS: ['portal.todoTask.IN_PROGRESS', 'blue'],
  REPORTED_DONE: ['portal.todoTask.REPORTED_DONE', 'cyan'],
  RETURNED: ['portal.todoTask.RETURNED', 'red'],
  VERIFIED: ['portal.todoTask.VERIFIED', 'green'],
  CLOSED: ['portal.todoTask.CLOSED', 'green'],
  OVERDUE: ['portal.todoTask.OVERDUE', 'red'],
  ESCALATED: ['portal.todoTask.ESCALATED', 'red'],
};

export function TaskTodo({ task }: { task: Pick<TaskListItem, 'state' | 'id'> }) {
  const { t } = useI18n();
  const [key, color] = TASK_TODO[task.state];
  return (
    <span data-testid={`portal-task-todo-${task.id}`} data-state={task.state}>
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
