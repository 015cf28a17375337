import type { FastifyInstance } from 'fastify';
import { bulletinRoutes } from './routes-bulletins';
import { letterLedgerRoutes } from './routes-letters';

/**
 * 建议书 and 通报 module (domain.md c.6, f.2, f.3; docs/reform-api.md "Letters"): drafting with
 * numbered recommendations, consultation and review opinions, approval, issue with a 发文字号 and the
 * GB/T 9704 DOCX, service, objection, adoption (spawning rectification tasks), reply, 回头看, the
 * issuing office's ledger with reply status and its Excel, and bulletins.
 */
export async function letterRoutes(app: FastifyInstance) {
  await letterLedgerRoutes(app);
  await bulletinRoutes(app);
}
