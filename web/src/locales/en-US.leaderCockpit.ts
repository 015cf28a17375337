import type { zhCNLeaderCockpit } from './zh-CN.leaderCockpit';

/** en-US UI strings of the leadership cockpit (issue 15). */
export const enUSLeaderCockpit: typeof zhCNLeaderCockpit = {
  leaderCockpit: {
    menu: 'Supervision performance',
    title: 'Supervision performance',
    hint: 'Supervision lists, clues, cases, recommendation letters, rectification and campaigns by office, group, county and sector; click a figure to open its ledger.',
    hintAggregates: 'Standing committee members see aggregates and report material, without drilling into individual records.',
    homeTitle: 'Supervision performance at a glance',
    openFull: 'Open the cockpit',
    year: 'Year',
    sector: 'Sector',
    sectorAll: 'All sectors',
    scopeCommission: 'Whole commission',
    scopeScoped: 'Within your access',
    total: 'Total',
    name: 'Name',
    noRows: 'No data',
    current: 'now',
    exportExcel: 'Export Excel',
    exportDocx: 'Export committee report',
    excelFile: 'supervision-performance.xlsx',
    docxFile: 'supervision-performance-report.docx',
    exported: 'Exported',
    chartRows: 'Main figures by unit',
    chartMonths: 'By month',
    drill: 'Open the ledger: {label}',
    loadError: 'The cockpit could not be loaded',
    computedAt: 'Computed {time}',
  },
};
