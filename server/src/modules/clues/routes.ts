import type { FastifyInstance } from 'fastify';
import { clueBookRoutes } from './routes-clues';
import { clueWorkRoutes } from './routes-work';

/**
 * Routes of 问题线索 (docs/clues-cases-api.md "Clues"). Registered directly on the instance (not
 * encapsulated) so the access hook and error handler of app.ts apply.
 */
export async function clueRoutes(app: FastifyInstance) {
  await clueBookRoutes(app);
  await clueWorkRoutes(app);
}
