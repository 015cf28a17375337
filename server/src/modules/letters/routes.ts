import type { FastifyInstance } from 'fastify';

/** Routes of this module (being built for issue 5). */
export async function letterRoutes(app: FastifyInstance) {
  void app;
}
