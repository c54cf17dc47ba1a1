import ICAL from 'ical.js';
import { expect } from 'vitest';
import type { TestContext } from '../../../test/harness.ts';

/** Fetches a private feed URL as a phone does (no session) and parses it with ical.js. */
export async function fetchCalendar(ctx: TestContext, url: string): Promise<ICAL.Component> {
  const res = await ctx
    .request()
    .get(url)
    .buffer(true)
    .parse((r, cb) => {
      let data = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (data += c));
      r.on('end', () => cb(null, data));
    });
  expect(res.status).toBe(200);
  return new ICAL.Component(ICAL.parse(res.body as string));
}
