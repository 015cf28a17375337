import type { FastifyInstance } from 'fastify';
import { attachmentRoutes } from './attachments';
import { auditRoutes } from './audit';
import { calendarRoutes } from './calendar';
import { campaignRoutes } from './campaigns';
import { campaignKpiRoutes } from './campaign-kpis';
import { caseRoutes } from './cases';
import { caseworkRoutes } from './casework';
import { clueRoutes } from './clues';
import { dictionaryRoutes } from './dictionaries';
import { docNumberRoutes } from './doc-numbers';
import { inboxRoutes } from './inbox';
import { inspectionRoutes } from './inspections';
import { letterRoutes } from './letters';
import { orgRoutes } from './orgs';
import { reformRoutes } from './reform';
import { selfInspectionRoutes } from './self-inspection';
import { settingRoutes } from './settings';
import { supervisionRoutes, supervisionExcelRoutes } from './supervision';
import { taskForceRoutes } from './taskforces';
import { userRoutes } from './users';
import { zoneActivityRoutes } from './zone-activities';

/** Registers every business and platform module's routes. Each module owns its folder. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  void app;
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(calendarRoutes);
  await app.register(dictionaryRoutes);
  await app.register(settingRoutes);
  await app.register(docNumberRoutes);
  await app.register(attachmentRoutes);
  await app.register(inboxRoutes);
  await app.register(orgRoutes);
  await app.register(supervisionRoutes);
  await app.register(zoneActivityRoutes);
  await app.register(supervisionExcelRoutes);
  await app.register(clueRoutes);
  await app.register(caseRoutes);
  await app.register(caseworkRoutes);
  await app.register(letterRoutes);
  await app.register(reformRoutes);
  await app.register(campaignRoutes);
  await app.register(taskForceRoutes);
  await app.register(selfInspectionRoutes);
  await app.register(inspectionRoutes);
  await app.register(campaignKpiRoutes);
}
