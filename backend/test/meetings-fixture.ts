import type supertest from 'supertest';
import { expect } from 'vitest';
import { todayInJakarta } from '../src/modules/calendar/calendar.service.ts';
import { addDays } from '../src/modules/calendar/dates.ts';
import { pos, scanPdf } from '../src/modules/dispositions/test-support.ts';
import type { LoggedInAgent } from './auth-helpers.ts';

/**
 * Shared set-up of the meeting test files (src/modules/meetings/*.test.ts): they run on
 * `dispositionTestContext()` (the demo organisation) and log in with `loginAs`; the meetings
 * they need are made through the API, as a user would.
 */

/** The body of `POST /api/meetings`: a technical meeting held yesterday from 09:00 to 10:00
 * (past, so its minutes may be finalised) in the Aula Biro Umum, chaired by the Karo Umum,
 * with Asisten I invited; `extra` replaces any of it. */
export async function meetingBody(title: string, extra: Record<string, unknown> = {}) {
  return {
    title,
    kind: 'rapat_teknis',
    date: addDays(todayInJakarta(), -1),
    startTime: '09:00',
    endTime: '10:00',
    place: 'Aula Biro Umum',
    chairPositionId: await pos('karoumum'),
    invitedPositionIds: [await pos('asisten1')],
    ...extra,
  };
}

/** Makes a meeting as `agent` (`meetingBody(title, extra)`), checked created (201): its id
 * and the meeting as the API answered. */
export async function createMeeting(
  agent: LoggedInAgent,
  title: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; body: Record<string, any> }> {
  const created = await agent.post('/api/meetings').send(await meetingBody(title, extra));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { id: created.body.id as string, body: created.body };
}

/** A word no other test writes, for search (letters only: the analyser splits at digits). */
export function word(stem: string): string {
  const letters = Array.from({ length: 6 }, () =>
    String.fromCharCode(97 + Math.floor(Math.random() * 26)),
  ).join('');
  return `${stem}${letters}`;
}

/** Uploads a scan of `pages` pages reading `text` as the meeting's minutes scan or signed
 * attendance sheet, as `agent`, checked taken (200): the API's answer. */
export async function uploadScan(
  agent: LoggedInAgent,
  meetingId: string,
  which: 'minutes-scan' | 'attendance-sheet',
  text: string,
  filename: string,
  pages = 1,
): Promise<supertest.Response> {
  const response = await agent
    .post(`/api/meetings/${meetingId}/${which}`)
    .attach('file', await scanPdf(text, pages), filename);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response;
}
