/** The cockpit's areas, and the area a captured statement belongs to by the relation it reads (bench/cockpit-areas.ts, bench/cockpit-generic-plans.ts). */
export const AREAS = ['supervision', 'clues', 'cases', 'letters', 'tasks', 'campaigns'] as const;

export function area(text: string): string {
  const t = text.replace(/\s+/g, ' ').replace(/"/g, '');
  if (/cockpit_item|supervision_item/.test(t)) return 'supervision';
  if (/cockpit_task|rectification_task t\b/.test(t)) return 'tasks';
  if (/cockpit_letter|FROM letter r\b/.test(t)) return 'letters';
  if (/cockpit_case|FROM case_file c\b/.test(t)) return 'cases';
  if (/cockpit_clue|FROM clue c\b/.test(t)) return 'clues';
  if (/cockpit_campaign|FROM campaign c\b/.test(t)) return 'campaigns';
  return 'other';
}
