import { z } from 'zod';
import { QueryFlagSchema } from '../platform/common';

/** 消息 — the in-app inbox: reminders, deadline warnings, assignments. Each account sees only its own. */

export const InboxMessageSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** In-app path to open, e.g. /account/password. */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

/** GET /api/v1/inbox */
export const InboxQuerySchema = z.object({
  /** Only unread messages. */
  unread: QueryFlagSchema.optional(),
  limit: z.coerce.number('条数须为整数').int('条数须为整数').min(1).max(200).default(50),
});

export const InboxListSchema = z.object({
  items: z.array(InboxMessageSchema),
  /** Unread messages in total (the badge). */
  unread: z.number(),
});
