import { letterKeys, type LetterKeyInputs } from './letters.keys.ts';

/**
 * The queues a letter sits in for a position, as the kept queue state (queue-state.ts)
 * counts them: `aw:<urgency>:<receivedDate>` while it waits for the position's disposition
 * (the position is its addressee and it holds no live disposition), `ua` while the addressee
 * has not opened it, `uc` while a tembusan position has not opened it. Derived from the same
 * `letterKeys` the lists read by, so a count and its list always agree.
 *
 * `queueTouchKeys` `<positionId>:q:<hour>` (UTC hours since 1970) name, on the letter, each
 * hour in which a write may have moved it in or out of a position's queues (registration,
 * read marks, status changes from the dispositions, correction, voiding): the kept state
 * re-reads only the letters touched after the hour it is kept to.
 */
export type QueueCell = `aw:${string}` | 'ua' | 'uc';

const HOUR_MS = 3_600_000;

export function queueHourOf(at: Date): number {
  return Math.floor(at.getTime() / HOUR_MS);
}

export function queueTouchKeyOf(positionId: unknown, hour: number): string {
  return `${String(positionId)}:q:${hour}`;
}

/** The touch keys of a write at `at` that may move the letter in the queues of these
 * positions (give the positions before and after the write). */
export function queueTouchKeys(positionIds: unknown[], at: Date): string[] {
  const hour = queueHourOf(at);
  return [...new Set(positionIds.filter((id) => id !== null && id !== undefined).map(String))].map(
    (id) => queueTouchKeyOf(id, hour),
  );
}

/** Every position whose queues a letter is in or could enter: addressee and copies. */
export function queuePositionsOf(letter: {
  addresseePositionId?: unknown;
  copyPositionIds?: unknown[] | null;
}): string[] {
  return [letter.addresseePositionId, ...(letter.copyPositionIds ?? [])]
    .filter((id) => id !== null && id !== undefined)
    .map(String);
}

export function parseAwaitingCell(cell: string): { urgency: string; day: string } | null {
  if (!cell.startsWith('aw:')) return null;
  const [, urgency, day] = cell.split(':');
  return { urgency: urgency!, day: day! };
}

/** The cells of the position the letter is in now. */
export function queueCellsOf(letter: LetterKeyInputs, positionId: string): QueueCell[] {
  const keys = letterKeys(letter);
  const cells: QueueCell[] = [];
  const prefix = `${positionId}:`;
  if (keys.awaitingKey?.startsWith(prefix))
    cells.push(`aw:${keys.awaitingKey.slice(prefix.length)}`);
  if (keys.unreadKeys.includes(`a:${positionId}`)) cells.push('ua');
  if (keys.unreadKeys.includes(`c:${positionId}`)) cells.push('uc');
  return cells;
}
