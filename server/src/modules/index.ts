import type { FastifyInstance } from 'fastify';
import { attachmentRoutes } from './attachments/routes';
import { auditRoutes } from './audit/routes';
import { calendarRoutes } from './calendar/routes';
import { caseRoutes } from './cases/routes';
import { caseworkRoutes } from './casework/routes';
import { clueRoutes } from './clues/routes';
import { dictionaryRoutes } from './dictionaries/routes';
import { docNumberRoutes } from './doc-numbers/routes';
import { inboxRoutes } from './inbox/routes';
import { letterRoutes } from './letters/routes';
import { orgRoutes } from './orgs/routes';
import { reformRoutes } from './reform/routes';
import { settingRoutes } from './settings/routes';
import { supervisionRoutes } from './supervision/routes';
import { supervisionExcelRoutes } from './supervision/routes-export';
import { userRoutes } from './users/routes';
import { zoneActivityRoutes } from './zone-activities/routes';

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
}
