import { describe, expect, it } from 'vitest';
import { emptyEvent, fillFromScan, toEventData } from './invitation-event.ts';

describe('the invitation event of the registration form', () => {
  it('takes what the scan read into empty fields only', () => {
    const typed = { ...emptyEvent(), place: 'Aula Setda' };
    const filled = fillFromScan(typed, {
      isInvitation: true,
      date: '2026-12-10',
      startTime: '13:30',
      timeZone: 'WITA',
      place: 'Hotel Novotel',
      title: 'Rakor',
    });
    expect(filled).toMatchObject({
      date: '2026-12-10',
      startTime: '13:30',
      timeZone: 'WITA',
      place: 'Aula Setda',
      title: 'Rakor',
    });
  });
  it('sends an event only with a date, a start and a place or link', () => {
    expect(toEventData({ ...emptyEvent(), date: '2026-12-10', startTime: '09:00' })).toBeNull();
    expect(
      toEventData({
        ...emptyEvent(),
        date: '2026-12-10',
        startTime: '09:00',
        onlineLink: 'https://x.id/r',
      }),
    ).toMatchObject({
      date: '2026-12-10',
      startTime: '09:00',
      timeZone: 'WIB',
      onlineLink: 'https://x.id/r',
    });
  });
});
