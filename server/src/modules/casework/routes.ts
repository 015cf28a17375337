import type { FastifyInstance } from 'fastify';

/** Routes of this module (being built for issue 4). */
export async function caseworkRoutes(app: FastifyInstance) {
  void app;
}
