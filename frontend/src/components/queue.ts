import { ref, watch, type Ref } from 'vue';
import { recordQueueVisit, type QueueName } from '@/api/queue-visits.ts';

/**
 * What every work queue (Perlu disposisi, the disposition inbox tabs, the buku agenda)
 * shares: its filters as the queue toolbar edits them (queue-toolbar.vue), the chips of the
 * active ones, and the "Baru" marks of items that arrived since the previous visit.
 */
export const QUEUE_URGENCIES = ['sangat_segera', 'segera', 'biasa'] as const;
export type QueueUrgency = (typeof QUEUE_URGENCIES)[number];

export interface QueueFilters {
  q: string;
  urgency: QueueUrgency[];
  sender: string;
  classification: string;
  status: string[];
  sort: string;
}

export function emptyQueueFilters(sort: string): QueueFilters {
  return { q: '', urgency: [], sender: '', classification: '', status: [], sort };
}

export interface QueueOption {
  value: string;
  label: string;
}

/** One removable chip per active filter value (the sort is not a filter). */
export interface QueueChip {
  key: string;
  label: string;
  remove: (filters: QueueFilters) => QueueFilters;
}

export function activeChips(
  filters: QueueFilters,
  labels: {
    q: (value: string) => string;
    urgency: (value: string) => string;
    sender: (value: string) => string;
    classification: (value: string) => string;
    status: (value: string) => string;
  },
): QueueChip[] {
  const chips: QueueChip[] = [];
  if (filters.q.trim())
    chips.push({ key: 'q', label: labels.q(filters.q.trim()), remove: (f) => ({ ...f, q: '' }) });
  for (const u of filters.urgency)
    chips.push({
      key: `urgency:${u}`,
      label: labels.urgency(u),
      remove: (f) => ({ ...f, urgency: f.urgency.filter((x) => x !== u) }),
    });
  if (filters.sender.trim())
    chips.push({
      key: 'sender',
      label: labels.sender(filters.sender.trim()),
      remove: (f) => ({ ...f, sender: '' }),
    });
  if (filters.classification.trim())
    chips.push({
      key: 'classification',
      label: labels.classification(filters.classification.trim()),
      remove: (f) => ({ ...f, classification: '' }),
    });
  for (const s of filters.status)
    chips.push({
      key: `status:${s}`,
      label: labels.status(s),
      remove: (f) => ({ ...f, status: f.status.filter((x) => x !== s) }),
    });
  return chips;
}

/** True when an item that arrived at `arrivedAt` is new for a queue whose marks start at
 * `newSince` (null: not known yet, nothing is marked). */
export function isNewSince(
  arrivedAt: string | Date | null | undefined,
  newSince: Date | null,
): boolean {
  if (!arrivedAt || !newSince) return false;
  return new Date(arrivedAt).getTime() > newSince.getTime();
}

/**
 * Records a visit when the queue's screen opens (and again when it switches to another
 * queue, e.g. another held position) and keeps the boundary it answered for as long as the
 * screen stays open: paging, filtering and searching do not move it. "Tandai sudah dilihat"
 * moves it to now.
 */
export function useQueueVisit(queue: () => QueueName | null): {
  newSince: Ref<Date | null>;
  isNew: (arrivedAt: string | Date | null | undefined) => boolean;
  markSeen: () => Promise<void>;
} {
  const newSince = ref<Date | null>(null);
  let current: QueueName | null = null;
  const record = async (name: QueueName, seen = false) => {
    try {
      const visit = await recordQueueVisit(name, seen);
      if (name === current) newSince.value = new Date(visit.newSince);
    } catch {
      // The marks are a convenience: the queue works without them.
    }
  };
  watch(
    queue,
    (name) => {
      current = name;
      newSince.value = null;
      if (name) void record(name);
    },
    { immediate: true },
  );
  return {
    newSince,
    isNew: (arrivedAt) => isNewSince(arrivedAt, newSince.value),
    markSeen: async () => {
      if (current) await record(current, true);
    },
  };
}
