import type { FastifyInstance } from 'fastify';
import { excelRoutes } from './routes-excel';
import { leadersRoutes } from './routes-leaders';
import { linksRoutes } from './routes-links';
import { orgsRoutes } from './routes-orgs';
import { peopleRoutes } from './routes-people';
import { zonesRoutes } from './routes-zones';

/**
 * Organisation and linkage module (分管 / 联系 / 派驻 / 片区) and 人员信息. Registered directly on
 * the app (not encapsulated) so the access hook and error handler of app.ts apply.
 */
export async function orgRoutes(app: FastifyInstance) {
  await orgsRoutes(app);
  await excelRoutes(app);
  await linksRoutes(app);
  await leadersRoutes(app);
  await zonesRoutes(app);
  await peopleRoutes(app);
}
