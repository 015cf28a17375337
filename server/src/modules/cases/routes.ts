import type { FastifyInstance } from 'fastify';
import { caseLedgerRoutes } from './routes-cases';
import { interferenceRoutes } from './routes-interference';
import { caseTeamRoutes } from './routes-team';

/**
 * 案件 module (domain.md c.2, docs/clues-cases-api.md "Cases"): the ledger and stage view, the case
 * machine's actions, 室组联合办案 teams with the trial-team separation, measures with legal limits,
 * outcomes with 四种形态, and the 打听案情、说情干预 register.
 */
export async function caseRoutes(app: FastifyInstance) {
  await caseLedgerRoutes(app);
  await caseTeamRoutes(app);
  await interferenceRoutes(app);
}
