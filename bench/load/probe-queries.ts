// Times the inbox's and the letter list's database queries one by one on a seeded system,
// to show where a slow page spends its time. Usage: LOAD_LETTERS=3000 node load/probe-queries.ts
import { randomBytes } from 'node:crypto';
import { findPositionByKey } from '../../backend/src/modules/org/org.service.ts';
import { letterData } from '../../backend/src/modules/letters/letters.fixtures.ts';
import { DispositionModel } from '../../backend/src/modules/dispositions/disposition.model.ts';
import { IncomingLetterModel } from '../../backend/src/modules/letters/letters.model.ts';
import { Client, letterForm, startSystem } from '../../backend/test/system.ts';
import { backendRequire, seedCopies } from './seed.ts';

const sharp = backendRequire('sharp') as typeof import('sharp');
const LETTERS = Number(process.env.LOAD_LETTERS ?? 3000);
const system = await startSystem({ LOG_LEVEL: 'warn' });
try {
  const api = await system.startApi('api');
  await system.connect();
  const clerk = await new Client(api.url).login('agendaris');
  const sekda = await new Client(api.url).login('sekda');
  const pos = async (key: string) => (await findPositionByKey(key))!._id;
  const scan = await sharp(randomBytes(64 * 64 * 3), {
    raw: { width: 64, height: 64, channels: 3 },
  })
    .png()
    .toBuffer();
  const letter = await clerk.send('POST', '/api/incoming-letters', {
    form: letterForm(letterData(), [{ body: scan, name: 's.png', type: 'image/png' }]),
  });
  await sekda.send('POST', `/api/incoming-letters/${letter.body.id}/dispositions`, {
    json: {
      recipients: [
        { positionId: String(await pos('asisten3')), role: 'primary' },
        { positionId: String(await pos('asisten1')), role: 'coordinate' },
      ],
      instructions: ['Tindak lanjuti'],
    },
  });
  await seedCopies(letter.body.id, LETTERS, console.log);
  const position = await pos('asisten3');
  const time = async (name: string, query: () => Promise<unknown>) => {
    const t0 = performance.now();
    await query();
    console.log(`${name}: ${Math.round(performance.now() - t0)} ms`);
  };
  for (let round = 0; round < 2; round++) {
    await time('dispositions by _id', () =>
      DispositionModel.findOne({ _id: letter.body.id as string }).lean(),
    );
    await time('dispositions find toPositionId+status, sort sentAt, limit 20', () =>
      DispositionModel.find({ toPositionId: position, status: { $ne: 'dibatalkan' } })
        .sort({ sentAt: -1, _id: -1 })
        .limit(20)
        .lean(),
    );
    await time('dispositions find toPositionId only, no sort', () =>
      DispositionModel.find({ toPositionId: position }).limit(20).lean(),
    );
    await time('dispositions countDocuments', () =>
      DispositionModel.countDocuments({ toPositionId: position, status: { $ne: 'dibatalkan' } }),
    );
    await time('dispositions aggregate $group', () =>
      DispositionModel.aggregate([
        { $match: { toPositionId: position } },
        { $group: { _id: '$status', count: { $sum: 1 } } },
      ]),
    );
    await time('letters count readPositionIds $ne', () =>
      IncomingLetterModel.countDocuments({
        addresseePositionId: position,
        status: { $nin: ['pending', 'void'] },
        readPositionIds: { $ne: position },
      }),
    );
    await time('letters list sort registeredAt limit 20', () =>
      IncomingLetterModel.find({ status: { $ne: 'pending' } })
        .sort({ registeredAt: -1 })
        .limit(20)
        .lean(),
    );
    await time('letters count all', () =>
      IncomingLetterModel.countDocuments({ status: { $ne: 'pending' } }),
    );
    await time('HTTP inbox', () =>
      new Client(api.url)
        .login('asisten3')
        .then((c) => c.send('GET', '/api/dispositions/inbox', { timeoutMs: 600_000 })),
    );
    await time('HTTP register list', () =>
      clerk.send('GET', '/api/incoming-letters', { timeoutMs: 600_000 }),
    );
  }
} finally {
  await system.stop();
}
process.exit(0);
