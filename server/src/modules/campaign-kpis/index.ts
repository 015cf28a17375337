/**
 * The face of the `campaign-kpis` module (专项整治成效, issue 10): the campaign's figures computed from its
 * linked records, their monthly series, the 建章立制 register, the periodic 通报 job and the cockpit's
 * reads. Kept by `node scripts/module-faces.mjs`; the rule is server/test/module-faces.test.ts.
 */
export { draftCampaignBulletin, periodOf, runCampaignBulletins } from './bulletin-draft';
export { computeKpis, kpiGroups, kpiQuery } from './kpis';
export { campaignKpiRoutes } from './routes';
export { getCampaignKpis } from './service';
