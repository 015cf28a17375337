import type { FastifyInstance } from 'fastify';

/** Routes of this module (being built for issue 5). */
export async function reformRoutes(app: FastifyInstance) {
  void app;
}
