// How fast does the database engine scan? Inserts N small documents and N disposition-shaped
// documents, then times a filtered count over each. Usage: node load/probe-engine.ts
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack } from '../../infra/src/stack.ts';
import { backendRequire } from './seed.ts';

const mongoose = backendRequire('mongoose') as typeof import('mongoose');
const N = Number(process.env.PROBE_DOCS ?? 6000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'lontar-probe-'));
const stack = await startStack({ dataDir: dir, logDir: path.join(dir, 'logs') });
try {
  await mongoose.connect(stack.env.MONGODB_URI!, { dbName: 'probe' });
  const db = mongoose.connection.db!;
  const { ObjectId } = mongoose.Types;
  const positions = Array.from({ length: 10 }, () => new ObjectId());
  const small = Array.from({ length: N }, (_, i) => ({
    _id: new ObjectId(),
    n: i,
    p: positions[i % 10],
    s: i % 3 ? 'terkirim' : 'selesai',
  }));
  const wide = small.map((d) => ({
    ...d,
    _id: new ObjectId(),
    letterId: new ObjectId(),
    ancestorIds: [new ObjectId()],
    from: {
      positionId: positions[0],
      positionTitle: 'Sekretaris Daerah',
      unitId: new ObjectId(),
      userName: 'Dr. Nama Pejabat, M.Si.',
    },
    toUnitPath: [new ObjectId(), new ObjectId()],
    instructions: ['Tindak lanjuti', 'Koordinasikan'],
    note: 'Catatan disposisi yang cukup panjang untuk realistis.',
    sentAt: new Date(),
    dueAt: new Date(),
    createdAt: new Date(),
    updatedAt: new Date(),
  }));
  for (const [name, docs] of [
    ['small', small],
    ['wide', wide],
  ] as const) {
    const t0 = performance.now();
    for (let i = 0; i < docs.length; i += 1000)
      await db.collection(name).insertMany(docs.slice(i, i + 1000));
    const t1 = performance.now();
    await db.collection(name).countDocuments({ p: positions[3], s: 'terkirim' });
    const t2 = performance.now();
    await db.collection(name).find({ p: positions[3] }).sort({ n: -1 }).limit(20).toArray();
    const t3 = performance.now();
    await db.collection(name).findOne({ _id: docs[N - 1]!._id });
    const t4 = performance.now();
    console.log(
      `${name}: insert ${N} in ${Math.round(t1 - t0)} ms; filtered count ${Math.round(t2 - t1)} ms; filtered sort+limit ${Math.round(t3 - t2)} ms; by _id ${Math.round(t4 - t3)} ms`,
    );
  }
} finally {
  await mongoose.disconnect();
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
}
