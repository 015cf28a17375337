import type { FastifyInstance } from 'fastify';
import { accountabilityRoutes } from './routes-accountability';
import { recordRoutes } from './routes-records';
import { taskRoutes } from './routes-tasks';

/**
 * 以案促改 module (domain.md b.5, c.5, f.7): reform records with the 问题清单 and root causes,
 * rectification tasks (谁建议谁跟踪, the 督办 ladder, the daily overdue job) and 问责 records.
 * Registered directly on the app (not encapsulated) so the access hook and error handler apply.
 */
export async function reformRoutes(app: FastifyInstance) {
  await recordRoutes(app);
  await taskRoutes(app);
  await accountabilityRoutes(app);
}
