import type supertest from 'supertest';
import { shiftClock } from '../../lib/clock.ts';
import { UserModel } from '../org/org.model.ts';
import { letterData, postLetter, scanPdf, scanPng } from '../letters/letters.fixtures.ts';

/** Shared by the archive tests. */
export const DAY_MS = 86_400_000;
export const YEAR_MS = 366 * DAY_MS;

/** Registers incoming letters through the API (as the letter desk would) and returns their
 * ids; `yearsAgo` moves the clock back so they land in an earlier agenda year. */
export async function registerLetters(
  clerk: supertest.Agent,
  count: number,
  overrides: Record<string, unknown> = {},
  yearsAgo = 0,
): Promise<string[]> {
  const restore = yearsAgo ? shiftClock(-yearsAgo * YEAR_MS) : () => undefined;
  try {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const year = new Date(Date.now() - yearsAgo * YEAR_MS).getUTCFullYear();
      const response = await postLetter(
        clerk,
        letterData({
          confirmDuplicate: true,
          letterDate: `${year}-01-0${(i % 9) + 1}`,
          receivedDate: `${year}-01-1${i % 9}`,
          ...overrides,
        }),
        [
          {
            body:
              i % 2
                ? await scanPdf(`Surat ${i} ${Math.random()}`, 1)
                : await scanPng(`Surat ${i} ${Math.random()}`),
            name: i % 2 ? `surat-${i}.pdf` : `surat-${i}.png`,
          },
        ],
      );
      if (response.status !== 201)
        throw new Error(`registration failed: ${response.status} ${JSON.stringify(response.body)}`);
      ids.push(response.body.id as string);
    }
    return ids;
  } finally {
    restore();
  }
}

/** A second archivist with a lower clearance, for the clearance rows of the matrix. */
export async function makeArchivist(
  username: string,
  clearance: 'B' | 'T' | 'R' | 'SR',
): Promise<void> {
  const base = await UserModel.findOne({ username: 'arsiparis' }).lean();
  if (!base) throw new Error('seed the demo organisation first');
  const {
    _id: _ignored,
    createdAt: _c,
    updatedAt: _u,
    __v: _v,
    ...rest
  } = base as Record<string, unknown>;
  await UserModel.updateOne(
    { username },
    { $setOnInsert: { ...rest, username, name: `Arsiparis ${clearance}`, clearance, nip: null } },
    { upsert: true },
  );
}
