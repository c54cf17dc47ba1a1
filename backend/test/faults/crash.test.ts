import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEventModel } from '../../src/modules/audit/audit.model.ts';
import { DispositionModel } from '../../src/modules/dispositions/disposition.model.ts';
import { repairDispatchFollowUps } from '../../src/modules/dispositions/dispatch.repair.ts';
import { StoredFileModel } from '../../src/modules/files/file.model.ts';
import { fileStorage } from '../../src/modules/files/file-storage.ts';
import { JobModel } from '../../src/modules/jobs/job.model.ts';
import { letterData, scanPdf } from '../../src/modules/letters/letters.fixtures.ts';
import { repairRegistrationFollowUps } from '../../src/modules/letters/follow-up.repair.ts';
import { sweepIncomingLetters } from '../../src/modules/letters/letters.maintenance.ts';
import { IncomingLetterModel } from '../../src/modules/letters/letters.model.ts';
import { findPositionByKey } from '../../src/modules/org/org.service.ts';
import {
  OutgoingLetterModel,
  OutgoingNumberModel,
} from '../../src/modules/outgoing/outgoing.model.ts';
import { DEMO_PASSWORD } from '../auth-helpers.ts';
import { REPLY_BODY } from '../../src/modules/outgoing/test-fixtures.ts';
import {
  Client,
  letterForm,
  NetworkError,
  startSystem,
  type RunningProcess,
  type System,
} from '../system.ts';

/**
 * SIGKILL the API at random moments while clerks register letters, the Sekda disposes
 * them and an Asisten signs outgoing letters; restart it each time; then check that every
 * acknowledged operation is there and complete, numbers have no gaps or duplicates, and
 * (after the sweeper) objects and records match one to one.
 */
const ROUNDS = Number(process.env.FAULT_ROUNDS ?? 4);
let system: System;
let api: RunningProcess;

beforeAll(async () => {
  system = await startSystem();
  api = await system.startApi('api');
  await system.connect();
});
afterAll(async () => {
  if (process.env.KEEP_FAULT_LOGS)
    writeFileSync(process.env.KEEP_FAULT_LOGS, system?.log('api') ?? '');
  await system?.stop();
});

interface Registration {
  id: string;
  agendaNumber: number;
  files: Array<{ id: string; sha256: string }>;
}

/** A small PNG unlike any other (random pixels), so no two registrations share a scan. */
const noisePng = () =>
  sharp(randomBytes(48 * 48 * 3), { raw: { width: 48, height: 48, channels: 3 } })
    .png()
    .toBuffer();

const pos = async (key: string) => String((await findPositionByKey(key))!._id);

describe('the API killed with SIGKILL in the middle of work', () => {
  it('keeps every acknowledged operation, leaves nothing half-done, and numbers without gaps', async () => {
    const clerk = await new Client(api.url).login('agendaris');
    const sekda = await new Client(api.url).login('sekda');
    const staftu = await new Client(api.url).login('staftu');
    const asisten3 = await new Client(api.url).login('asisten3');

    // Outgoing letters waiting for the Asisten's signature (made before the faults start).
    const signer = {
      positionId: await pos('asisten3'),
      mode: 'an',
      onBehalfOfPositionId: await pos('sekda'),
    };
    const drafts: string[] = [];
    for (let i = 0; i < 3 * ROUNDS; i++) {
      const created = await staftu.send('POST', '/api/outgoing-letters', {
        json: {
          kind: 'surat_dinas',
          subject: `Surat uji gangguan ${i}`,
          classificationCode: '000.1',
          recipients: [{ type: 'external', label: 'Bupati Lampung Selatan', address: 'Kalianda' }],
          body: REPLY_BODY,
          verifierPositionIds: [],
          signer,
        },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(
        (await staftu.send('POST', `/api/outgoing-letters/${created.body.id}/submit`)).status,
      ).toBe(200);
      drafts.push(created.body.id);
    }
    const recipients = [
      { positionId: await pos('asisten3'), role: 'primary' },
      { positionId: await pos('asisten1'), role: 'coordinate' },
    ];

    const registered: Registration[] = [];
    const toDispose: string[] = [];
    let made = 0;
    const registrationFiles = async () => {
      // Distinct scans each time: the same bytes twice would be refused as a duplicate.
      const n = ++made;
      return [
        { body: await noisePng(), name: 'scan.png', type: 'image/png' },
        { body: await scanPdf(`lampiran ${n}`, 1), name: 'lampiran.pdf', type: 'application/pdf' },
      ];
    };
    // Letters for the Sekda to dispose from the first moment of every round.
    for (let i = 0; i < ROUNDS; i++) {
      const answer = await clerk.send('POST', '/api/incoming-letters', {
        form: letterForm(letterData(), await registrationFiles()),
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      registered.push({
        id: answer.body.id,
        agendaNumber: answer.body.agendaNumber,
        files: answer.body.files.map((f: { id: string; sha256: string }) => ({
          id: f.id,
          sha256: f.sha256,
        })),
      });
      toDispose.push(answer.body.id);
    }
    const disposed = new Map<string, string[]>(); // letter id → node ids
    const signed = new Map<string, string>(); // outgoing id → number
    const unanswered = { registrations: 0, dispositions: 0, signings: 0 };
    const refused: string[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      let stop = false;
      const loop = async (work: () => Promise<void>) => {
        while (!stop) {
          try {
            await work();
          } catch (error) {
            if (!(error instanceof NetworkError)) throw error;
            return; // the API died under us
          }
        }
      };
      const register = async () => {
        const files = await registrationFiles();
        try {
          const answer = await clerk.send('POST', '/api/incoming-letters', {
            form: letterForm(letterData(), files),
          });
          if (answer.status !== 201) {
            refused.push(`register ${answer.status} ${JSON.stringify(answer.body)}`);
            return;
          }
          registered.push({
            id: answer.body.id,
            agendaNumber: answer.body.agendaNumber,
            files: answer.body.files.map((f: { id: string; sha256: string }) => ({
              id: f.id,
              sha256: f.sha256,
            })),
          });
          toDispose.push(answer.body.id);
        } catch (error) {
          unanswered.registrations += 1;
          throw error;
        }
      };
      const dispose = async () => {
        const letterId = toDispose.shift();
        if (!letterId) return new Promise<void>((resolve) => setTimeout(resolve, 50));
        try {
          const answer = await sekda.send(
            'POST',
            `/api/incoming-letters/${letterId}/dispositions`,
            { json: { recipients, instructions: ['Tindak lanjuti'] } },
          );
          if (answer.status !== 201) {
            refused.push(`dispose ${answer.status} ${JSON.stringify(answer.body)}`);
            return;
          }
          disposed.set(
            letterId,
            answer.body.items.map((item: { id: string }) => item.id),
          );
        } catch (error) {
          unanswered.dispositions += 1;
          throw error;
        }
      };
      const sign = async () => {
        const id = drafts.shift();
        if (!id) return new Promise<void>((resolve) => setTimeout(resolve, 50));
        try {
          const answer = await asisten3.send('POST', `/api/outgoing-letters/${id}/sign`, {
            json: { passphrase: DEMO_PASSWORD },
          });
          if (answer.status !== 200) {
            refused.push(`sign ${answer.status} ${JSON.stringify(answer.body)}`);
            return;
          }
          signed.set(id, answer.body.number);
        } catch (error) {
          unanswered.signings += 1;
          throw error;
        }
      };
      const streams = [loop(register), loop(register), loop(register), loop(dispose), loop(sign)];
      // Kill once this round has made some progress, at a random moment after that (by then
      // registrations, a disposition and a signature are usually in flight). On a busy
      // machine a restarted API may take minutes to answer: the kill waits for the progress
      // (killing at a fixed 60 s left rounds without a disposition, and the count below
      // short), bounded only so that a hung API fails the test instead of hanging it.
      const progress = [registered.length, disposed.size];
      const started = Date.now();
      while (
        (registered.length === progress[0] || disposed.size === progress[1]) &&
        Date.now() - started < 600_000
      ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 2500));
      const t0 = Date.now();
      await api.kill();
      console.info(
        `[faults] round ${round}: killed ${t0 - started} ms in; ${registered.length} registrations, ${disposed.size} dispositions, ${signed.size} signatures so far`,
      );
      stop = true;
      await Promise.all(streams);
      api = await system.startApi('api', { port: api.port });
    }
    expect(refused).toEqual([]);
    expect(registered.length).toBeGreaterThanOrEqual(ROUNDS);
    expect(disposed.size).toBeGreaterThanOrEqual(ROUNDS);

    // Sessions live in the database: the same cookies still work after every restart.
    expect((await clerk.send('GET', '/api/auth/me')).status).toBe(200);

    // A signature cut short leaves the letter waiting for it, its number reserved in
    // outgoing_numbers (sign.service.ts); signing again prints that number.
    const numbered = await OutgoingNumberModel.find({}, { letterId: 1 }).lean();
    const cutShort = await OutgoingLetterModel.find(
      {
        _id: { $in: numbered.map((n) => n.letterId) },
        status: { $in: ['awaiting_signature', 'signing'] },
      },
      { _id: 1 },
    ).lean();
    for (const letter of cutShort) {
      const answer = await asisten3.send(
        'POST',
        `/api/outgoing-letters/${String(letter._id)}/sign`,
        { json: { passphrase: DEMO_PASSWORD } },
      );
      // 409 "already signed" is the other good outcome: the cut-off process had recorded
      // its final change as a claim, and reading the letter rolled that claim forward.
      if (answer.status !== 200) {
        expect(answer.status, JSON.stringify(answer.body)).toBe(409);
        expect(answer.body.error.details.status).toBe('signed');
      }
    }

    // What the maintenance tasks do after a restart (here without waiting out their grace
    // periods): finish registrations cut off after their number and dispatches cut off after
    // their nodes, sweep abandoned registrations.
    const services = await system.connect();
    await repairRegistrationFollowUps({ graceMs: 0 });
    await repairDispatchFollowUps({ graceMs: 0 });
    await sweepIncomingLetters(services, 0);

    // Registrations: every acknowledged one is there with its number and its files.
    for (const ack of registered) {
      const letter = await IncomingLetterModel.findById(ack.id).lean();
      expect(letter?.status, ack.id).not.toBe('pending');
      expect(letter?.agendaNumber).toBe(ack.agendaNumber);
      const files = await StoredFileModel.find({ ownerType: 'incoming', ownerId: ack.id }).lean();
      expect(files.map((f) => `${String(f._id)} ${f.sha256}`).sort()).toEqual(
        ack.files.map((f) => `${f.id} ${f.sha256}`).sort(),
      );
    }
    // Every registered letter (acknowledged or cut off after its number) is complete.
    const letters = await IncomingLetterModel.find({ status: { $ne: 'pending' } }).lean();
    const numbers = letters.map((l) => l.agendaNumber!).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    for (const letter of letters) {
      const files = await StoredFileModel.find({
        ownerType: 'incoming',
        ownerId: letter._id,
      }).lean();
      expect(files.length, `files of letter ${letter.agendaNumber}`).toBe(2);
      for (const file of files) {
        expect(
          await JobModel.countDocuments({ dedupeKey: `ocr:${String(file._id)}` }),
          `OCR job of letter ${letter.agendaNumber}`,
        ).toBe(1);
      }
      expect(
        await AuditEventModel.countDocuments({
          action: 'incoming.register',
          recordId: String(letter._id),
        }),
        `audit of letter ${letter.agendaNumber}`,
      ).toBe(1);
    }

    // Dispositions: acknowledged batches exist whole; no batch anywhere is partial; a
    // disposed letter is in progress.
    for (const [letterId, nodeIds] of disposed) {
      expect(
        (await DispositionModel.find({ letterId }).lean()).map((n) => String(n._id)).sort(),
      ).toEqual([...nodeIds].sort());
    }
    const nodes = await DispositionModel.find({}).lean();
    const batches = new Map<string, number>();
    for (const node of nodes)
      batches.set(String(node.batchId), (batches.get(String(node.batchId)) ?? 0) + 1);
    expect([...batches.values()].filter((n) => n !== 2)).toEqual([]);
    for (const letterId of new Set(nodes.map((n) => String(n.letterId)))) {
      const letter = await IncomingLetterModel.findById(letterId).lean();
      expect(letter?.status, `letter ${letterId} with dispositions`).toBe('in_progress');
      // Every recipient may open the letter it was sent.
      const readers = new Set((letter?.readerPositionIds ?? []).map(String));
      for (const node of nodes.filter((n) => String(n.letterId) === letterId))
        expect(readers.has(String(node.toPositionId)), `reader of ${letterId}`).toBe(true);
    }

    // Signings: acknowledged ones signed with their number; the series has no gap.
    const outgoing = await OutgoingLetterModel.find({ status: 'signed' }).lean();
    for (const [id, number] of signed)
      expect(outgoing.find((l) => String(l._id) === id)?.number).toBe(number);
    const sequences = outgoing.map((l) => l.sequence!).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, i) => i + 1));
    expect(await OutgoingLetterModel.countDocuments({ status: 'signing' })).toBe(0);

    // After the sweeper: no pending letter, no object without a record, no record without
    // its object (and the bytes are the ones acknowledged).
    expect(await IncomingLetterModel.countDocuments({ status: 'pending' })).toBe(0);
    const storage = fileStorage(services.config);
    const objects = new Set((await storage.list('letters/')).map((o) => o.key));
    const records = await StoredFileModel.find({ ownerType: 'incoming' }).lean();
    const recordKeys = new Set(records.map((r) => r.key));
    expect(
      [...objects].filter((key) => !key.endsWith('/searchable.pdf') && !recordKeys.has(key)),
    ).toEqual([]);
    for (const record of records) {
      expect(objects.has(record.key), record.key).toBe(true);
      expect(
        createHash('sha256')
          .update(await storage.getBuffer(record.key))
          .digest('hex'),
      ).toBe(record.sha256);
    }
    for (const letter of outgoing)
      expect(await storage.exists(letter.final!.key!), `final PDF of ${letter.number}`).toBe(true);

    console.info(
      `[faults] ${ROUNDS} kills: ${registered.length} registrations, ${disposed.size} dispositions, ${signed.size} signatures acknowledged; ` +
        `unanswered ${JSON.stringify(unanswered)}; ${letters.length} letters registered in all`,
    );
  }, 2_400_000);
});
