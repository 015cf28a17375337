import { z } from 'zod';
import { AuditEventSchema } from '../platform/audit';
import { text } from '../platform/common';

export { AuditEventSchema, AuditVerifyResultSchema } from '../platform/audit';

/** An instant: 'YYYY-MM-DD' (start of that day, China time) or an ISO date-time with offset. */
const InstantSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })], '时间格式须为 YYYY-MM-DD 或 ISO 8601 日期时间');

/** GET /api/v1/audit/events — filters of the audit administrator's search. */
export const AuditSearchQuerySchema = z.object({
  /** Actor: account id, username or part of the name. */
  actor: text(60).optional(),
  /** Event type, e.g. `user.roles_changed`; a prefix ending in `.` (`user.`) matches the group. */
  type: z
    .string()
    .max(60)
    .regex(/^[a-z_]+(\.[a-z_]*)?$/, '事件类型格式不正确')
    .optional(),
  objectType: text(40).optional(),
  objectId: text(100).optional(),
  /** From this instant (inclusive). */
  from: InstantSchema.optional(),
  /** Up to this instant (a bare day includes the whole day). */
  to: InstantSchema.optional(),
  limit: z.coerce.number('条数须为整数').int('条数须为整数').min(1).max(500).default(50),
  /** Keyset cursor: only events with a smaller id (the previous page's `nextBefore`). */
  before: z.coerce.number('游标须为整数').int('游标须为整数').min(1).max(Number.MAX_SAFE_INTEGER).optional(),
});
export type AuditSearchQuery = z.infer<typeof AuditSearchQuerySchema>;

/** One page of audit events, newest first; `nextBefore` is the cursor of the next page (null at the end). */
export const AuditSearchResultSchema = z.object({
  items: z.array(AuditEventSchema),
  nextBefore: z.number().nullable(),
});
