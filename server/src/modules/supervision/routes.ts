import type { FastifyInstance } from 'fastify';
import { commonRoutes } from './routes-common';
import { itemRoutes } from './routes-items';
import { listRoutes } from './routes-lists';

/**
 * 监督清单 module (domain.md b.3, c.3): lists, items and their lifecycle, 室组会商, progress,
 * findings, 共性事项 and the coordinator's matrix. Registered directly on the app (not encapsulated)
 * so the access hook and error handler of app.ts apply.
 */
export async function supervisionRoutes(app: FastifyInstance) {
  await listRoutes(app);
  await itemRoutes(app);
  await commonRoutes(app);
}
