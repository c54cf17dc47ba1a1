import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoredFileModel } from '../../src/modules/files/file.model.ts';
import { JobModel } from '../../src/modules/jobs/job.model.ts';
import { letterData, scanPdf } from '../../src/modules/letters/letters.fixtures.ts';
import { IncomingLetterModel } from '../../src/modules/letters/letters.model.ts';
import { Client, letterForm, startSystem, type RunningProcess, type System } from '../system.ts';

/** Two API processes against one database and bucket behave as one (design.md §1): a
 * session opened on one is valid on the other and ends on both, numbers taken through both
 * at once stay gap- and duplicate-free, the OCR queue holds each job once, and a letter
 * registered through one is found through the other's own search index within seconds. */
let system: System;
let one: RunningProcess;
let two: RunningProcess;

beforeAll(async () => {
  system = await startSystem();
  // Started one after the other: each runs the idempotent start-up tasks against the same data.
  one = await system.startApi('api-1');
  two = await system.startApi('api-2');
  await system.connect();
});
afterAll(async () => {
  await system?.stop();
});

describe('two API processes on one database', () => {
  it('share sessions: a login on one works on the other, and a logout on one ends it on both', async () => {
    const onOne = await new Client(one.url).login('agendaris');
    const onTwo = Object.assign(new Client(two.url), { cookie: onOne.cookie, csrf: onOne.csrf });
    expect((await onTwo.send('GET', '/api/auth/me')).body.user.username).toBe('agendaris');
    expect((await onTwo.send('POST', '/api/auth/logout')).status).toBeLessThan(300);
    expect(
      (await new Client(one.url).send('GET', '/api/auth/me', { headers: { cookie: onOne.cookie } }))
        .status,
    ).toBe(401);
  });

  it('numbers letters registered through both at once without gaps or duplicates, one OCR job per file, and both find them', async () => {
    const clerks = [
      await new Client(one.url).login('agendaris'),
      await new Client(two.url).login('agendaris'),
    ];
    const subjects = Array.from(
      { length: 12 },
      (_, i) => `Koordinasi replika ganda nomor ${i} kemarau`,
    );
    const answers = await Promise.all(
      subjects.map(async (subject, i) =>
        clerks[i % 2]!.send('POST', '/api/incoming-letters', {
          form: letterForm(letterData({ subject }), [
            { body: await scanPdf(subject, 1), name: 'surat.pdf', type: 'application/pdf' },
          ]),
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(subjects.map(() => 201));
    expect(answers.map((a) => a.body.agendaNumber).sort((a, b) => a - b)).toEqual(
      subjects.map((_, i) => i + 1),
    );
    expect(await IncomingLetterModel.countDocuments({ status: 'registered' })).toBe(12);

    const files = await StoredFileModel.find({ ownerType: 'incoming' }, { _id: 1 }).lean();
    const jobs = await JobModel.find({ type: 'ocr' }, { dedupeKey: 1 }).lean();
    expect(jobs.map((j) => j.dedupeKey).sort()).toEqual(
      files.map((f) => `ocr:${String(f._id)}`).sort(),
    );

    // Each process searches its own index fed from the shared event log.
    for (const [name, clerk] of [
      ['api-1', clerks[0]!],
      ['api-2', clerks[1]!],
    ] as const) {
      const deadline = Date.now() + 20_000;
      let total = 0;
      while (Date.now() < deadline) {
        const found = await clerk.send(
          'GET',
          `/api/search?q=${encodeURIComponent('replika ganda kemarau')}`,
        );
        expect(found.status).toBe(200);
        total = found.body.total;
        if (total === 12) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(total, `search on ${name}`).toBe(12);
    }
  });
});
