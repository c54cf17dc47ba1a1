import type { Schemas } from './generated.ts';
import { http } from './http.ts';

/** Visits of the work queues, for the "Baru" marks (backend queue-visits.service.ts has
 * the rule: a visit is recorded when a queue's screen opens; visits within half an hour
 * are one sitting and keep the marks). */
export type QueueVisit = Schemas['QueueVisit'];

/** `register`, `awaiting-<positionId>`, `inbox-<positionId>`. */
export type QueueName = string;

export function recordQueueVisit(queue: QueueName, seen = false): Promise<QueueVisit> {
  return http.put<QueueVisit>(
    `/api/me/queue-visits/${encodeURIComponent(queue)}`,
    seen ? { seen: true } : {},
  );
}
