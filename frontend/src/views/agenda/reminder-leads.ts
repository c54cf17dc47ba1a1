/** Reminder lead times (minutes before an agenda entry) as the screens name them. */
export type LeadUnit = 'minutes' | 'hours' | 'days';

/** 1440 → 1 day, 120 → 2 hours, 15 → 15 minutes: the unit the number reads best in. */
export function leadParts(minutes: number): { unit: LeadUnit; count: number } {
  if (minutes % 1440 === 0) return { unit: 'days', count: minutes / 1440 };
  if (minutes % 60 === 0) return { unit: 'hours', count: minutes / 60 };
  return { unit: 'minutes', count: minutes };
}

type Translate = (key: string, values: Record<string, unknown>) => string;

/** "1 hari sebelumnya" for one lead time. */
export function leadLabel(minutes: number, t: Translate): string {
  const { unit, count } = leadParts(minutes);
  return t(`agenda.reminders.${unit}`, { count });
}

/** "1 hari dan 1 jam sebelumnya", longest first; "Tanpa pengingat" for none. */
export function leadsSummary(leads: readonly number[], t: Translate): string {
  if (leads.length === 0) return t('agenda.reminders.none', {});
  const sorted = [...leads].sort((a, b) => b - a);
  const short = sorted.map((m) => {
    const { unit, count } = leadParts(m);
    return t(`agenda.reminders.short.${unit}`, { count });
  });
  const joined =
    short.length === 1
      ? short[0]!
      : `${short.slice(0, -1).join(', ')} ${t('agenda.reminders.and', {})} ${short.at(-1)}`;
  return t('agenda.reminders.before', { leads: joined });
}
