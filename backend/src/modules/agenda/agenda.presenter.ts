import type { z } from 'zod';
import type { entrySchema } from './agenda.schema.ts';
import { isoInZone, type ListedEntry } from './agenda.service.ts';
import type { TimeZoneCode } from './invitation.ts';
import { normalizeLeads } from './reminder-settings.ts';

type Link = { positionId: unknown; positionTitle: string; entryId: unknown } | null | undefined;
const link = (value: Link) =>
  value
    ? {
        positionId: String(value.positionId),
        positionTitle: value.positionTitle,
        entryId: String(value.entryId),
      }
    : null;

export function presentEntry(entry: ListedEntry): z.infer<typeof entrySchema> {
  const zone = entry.timeZone as TimeZoneCode;
  return {
    id: String(entry._id),
    title: entry.title,
    start: isoInZone(entry.start, zone),
    end: isoInZone(entry.end, zone),
    endOpen: entry.endOpen ?? false,
    timeZone: zone,
    place: entry.place ?? '',
    onlineLink: entry.onlineLink ?? '',
    dressCode: entry.dressCode ?? '',
    notes: entry.notes ?? '',
    positionId: String(entry.positionId),
    positionTitle: entry.positionTitle,
    letterId: entry.letterId ? String(entry.letterId) : null,
    letterLabel: entry.letterLabel ?? '',
    letterType: entry.letterType === 'outgoing' ? 'outgoing' : 'incoming',
    status: entry.status as z.infer<typeof entrySchema>['status'],
    delegatedTo: link(entry.delegatedTo),
    representing: link(entry.representing),
    dispositionId: entry.dispositionId ? String(entry.dispositionId) : null,
    remindBefore: entry.remindBefore ? normalizeLeads(entry.remindBefore) : null,
    clash: entry.clash,
    mayDecide: entry.mayDecide,
    mayDelegate: entry.mayDelegate,
    letterReady: entry.letterReady,
  };
}
