import { describe, expect, it } from 'vitest';
import { legacySentDate } from './outgoing.presenter.ts';

/** Dispatches recorded before `sentDate` existed carry an invented 09.00 WIB: they are shown
 * by their day only (issue 15), every other dispatch by its real moment. */
describe('the day of an older dispatch', () => {
  it('reads the clerk’s day from the invented 09.00 WIB of an external dispatch', () => {
    const sentAt = new Date('2026-11-30T09:00:00+07:00');
    expect(legacySentDate({ type: 'external', sentAt })).toBe('2026-11-30');
  });

  it('leaves real moments alone: internal deliveries and any other time of day', () => {
    expect(
      legacySentDate({ type: 'internal', sentAt: new Date('2026-11-30T09:00:00+07:00') }),
    ).toBeNull();
    expect(
      legacySentDate({ type: 'external', sentAt: new Date('2026-11-30T09:00:01+07:00') }),
    ).toBeNull();
    expect(legacySentDate({ type: 'external', sentAt: null })).toBeNull();
  });
});
