import type { InspectionKpis } from '@liandong/domain/inspections/contracts';
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { campaignVisible } from '../visibility';
import { inspectionKpis } from './kpis';

/** GET /campaigns/:id/inspections/kpis — for whoever sees the campaign (the figures hold no secret check). */
export async function campaignKpis(ctx: Ctx, campaignId: string): Promise<InspectionKpis> {
  const { rows } = await sql<{ id: string }>`SELECT c.id FROM campaign c WHERE c.id = ${campaignId}::uuid AND ${campaignVisible(ctx.actor, 'c')}`.execute(
    ctx.db,
  );
  if (!rows[0]) throw notFound('专项整治');
  return inspectionKpis(ctx.db, campaignId);
}
