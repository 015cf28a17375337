import type { FastifyInstance } from 'fastify';

/** Registers every business and platform module's routes. Each module owns its folder. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  void app;
}
