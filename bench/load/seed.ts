// Seeds the running system with many letters and dispositions for the load benchmark. One
// letter and its disposition tree are made through the real API as a template; the rest are
// copies written straight to the database in batches (the API would take hours on FerretDB),
// with their own ids, agenda numbers, subjects, senders, dates and search events.
import { createRequire } from 'node:module';
import type Mongoose from 'mongoose';
import {
  agendaKeyOf,
  letterNumberKeyOf,
  senderKeyOf,
} from '../../backend/src/modules/letters/letters.keys.ts';
import { generateLetter, rng } from '../corpus.ts';

export const backendRequire = createRequire(new URL('../../backend/package.json', import.meta.url));
const mongoose = backendRequire('mongoose') as typeof Mongoose;

type Doc = Record<string, any>;
const { ObjectId } = mongoose.Types;

export interface SeedResult {
  letters: number;
  dispositions: number;
  seconds: number;
  letterIds: string[];
}

export async function seedCopies(
  templateLetterId: string,
  count: number,
  log: (line: string) => void,
): Promise<SeedResult> {
  const db = mongoose.connection.db!;
  const letters = db.collection('incoming_letters');
  const dispositions = db.collection('dispositions');
  const events = db.collection('search_events');
  const template = (await letters.findOne({ _id: new ObjectId(templateLetterId) }))!;
  const nodes = await dispositions.find({ letterId: template._id }).toArray();
  const docEvent = (
    await events
      .find({ letterId: templateLetterId, type: 'doc' })
      .sort({ seq: -1 })
      .limit(1)
      .toArray()
  )[0]!;
  const counter = (await db
    .collection('search_counters')
    .findOne({ _id: 'search_events' as never }))!;
  let seq = Number(counter.value) + 1000;
  const started = Date.now();
  const random = rng(20261128);
  const letterIds: string[] = [];
  const BATCH = 1000;
  let first = Number(template.agendaNumber) + 1;
  let made = 0;
  let nodesMade = 0;
  while (made < count) {
    const size = Math.min(BATCH, count - made);
    const letterBatch: Doc[] = [];
    const nodeBatch: Doc[] = [];
    const eventBatch: Doc[] = [];
    for (let i = 0; i < size; i++) {
      const generated = generateLetter(made + i, random);
      const id = new ObjectId();
      const number = first + i;
      const at = new Date(
        Date.UTC(Number(template.agendaYear), 0, 1) +
          Math.floor(random() * 330) * 86_400_000 +
          Math.floor(random() * 8 * 3600_000),
      );
      const date = at.toISOString().slice(0, 10);
      letterBatch.push({
        ...template,
        _id: id,
        agendaNumber: number,
        agendaKey: agendaKeyOf(template.register, template.agendaYear, number),
        senderName: generated.senderName,
        senderKey: senderKeyOf(generated.senderName),
        letterNumber: generated.letterNumber,
        letterNumberKey: letterNumberKeyOf(generated.letterNumber),
        subject: generated.subject,
        letterDate: date,
        receivedDate: date,
        registeredAt: at,
        createdAt: at,
        updatedAt: at,
      });
      letterIds.push(String(id));
      // The same tree shape as the template: new ids, parents and batches mapped.
      const ids = new Map(nodes.map((n) => [String(n._id), new ObjectId()]));
      const batches = new Map<string, InstanceType<typeof ObjectId>>();
      for (const node of nodes) {
        const batch = batches.get(String(node.batchId)) ?? new ObjectId();
        batches.set(String(node.batchId), batch);
        nodeBatch.push({
          ...node,
          _id: ids.get(String(node._id)),
          letterId: id,
          batchId: batch,
          parentId: node.parentId ? ids.get(String(node.parentId)) : null,
          ancestorIds: (node.ancestorIds ?? []).map((a: unknown) => ids.get(String(a))),
          sentAt: at,
          dueAt: new Date(at.getTime() + 5 * 86_400_000),
          dueDate: new Date(at.getTime() + 5 * 86_400_000).toISOString().slice(0, 10),
          createdAt: at,
          updatedAt: at,
        });
      }
      eventBatch.push({
        ...docEvent,
        _id: new ObjectId(),
        seq: seq++,
        letterId: String(id),
        doc: {
          ...docEvent.doc,
          agendaNumber: `${number}/${template.agendaYear}`,
          letterNumber: generated.letterNumber,
          subject: generated.subject,
          senderName: generated.senderName,
          date,
        },
        createdAt: at,
      });
    }
    await letters.insertMany(letterBatch, { ordered: false });
    await dispositions.insertMany(nodeBatch, { ordered: false });
    await events.insertMany(eventBatch, { ordered: false });
    made += size;
    nodesMade += nodeBatch.length;
    first += size;
    if (made % 10_000 === 0 || made === count) {
      const rate = Math.round(made / ((Date.now() - started) / 1000));
      log(
        `  seeded ${made.toLocaleString('en')} letters, ${nodesMade.toLocaleString('en')} dispositions (${rate} letters/s)`,
      );
    }
  }
  // The agenda counter knows the last number, as it would after real registrations.
  await db
    .collection('counters')
    .updateOne(
      { series: `incoming:${template.register}`, year: template.agendaYear },
      { $max: { last: first - 1 } },
    );
  await db
    .collection('search_counters')
    .updateOne({ _id: 'search_events' as never }, { $set: { value: seq } });
  return {
    letters: made,
    dispositions: nodesMade,
    seconds: Math.round((Date.now() - started) / 1000),
    letterIds,
  };
}
