import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { loginAs, seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { shiftClock } from '../../lib/clock.ts';
import { StoredFileModel } from '../files/file.model.ts';
import { fileStorage } from '../files/file-storage.ts';
import { fileObjectKey } from '../files/files.service.ts';
import { UserModel } from '../org/org.model.ts';
import { findPositionByKey, findUserByUsername } from '../org/org.service.ts';
import { letterData, postLetter, scanPng } from './letters.fixtures.ts';
import {
  sweepIncomingLetters,
  lettersStartupTask,
  REGISTRATION_GRACE_MS,
} from './letters.maintenance.ts';
import { IncomingLetterModel } from './letters.model.ts';
import { pendingKeyOf } from './letters.keys.ts';

const ctx = await createTestContext({ LOG_LEVEL: process.env.TEST_LOG ?? 'silent' });
await seedDemoOrganisation();
await lettersStartupTask(ctx.services);
const storage = fileStorage(ctx.config);

describe('many clerks at once', () => {
  it('gives 50 concurrent registrations the numbers 1..50, while failing ones consume none', async () => {
    // Two clerks at the desk (only the agendaris registers, docs/security.md).
    const first = await findUserByUsername('agendaris');
    await UserModel.create({
      username: 'agendaris2',
      name: 'Agendaris Kedua',
      roles: ['agendaris'],
      clearance: 'T',
      passwordHash: first!.passwordHash,
      active: true,
    });
    const clerks = [await loginAs(ctx, 'agendaris'), await loginAs(ctx, 'agendaris2')];
    const scans = await Promise.all(Array.from({ length: 60 }, (_, i) => scanPng(`serentak ${i}`)));
    const responses = await Promise.all(
      scans.map((scan, i) =>
        postLetter(
          clerks[i % 2]!,
          // Every sixth registration is refused after its upload (unknown code).
          letterData(i % 6 === 5 ? { classificationCode: '999' } : {}),
          [{ body: scan, name: `scan-${i}.png` }],
        ),
      ),
    );
    const ok = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status !== 201);
    expect(
      refused
        .map((r) => `${r.status} ${r.body.error?.message}`)
        .filter((s) => !s.startsWith('400')),
    ).toEqual([]);
    expect(ok).toHaveLength(50);
    expect(ok.map((r) => r.body.agendaNumber).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );

    const letters = await IncomingLetterModel.find({}).lean();
    expect(letters).toHaveLength(50);
    expect(letters.every((l) => l.status === 'registered')).toBe(true);
    const keys = (await storage.list('letters/')).map((o) => o.key);
    expect(keys).toHaveLength(50);
    const files = await StoredFileModel.find({}).lean();
    expect(new Set(files.map((f) => f.key))).toEqual(new Set(keys));
  });
});

describe('a crash in the middle of a registration', () => {
  it('leaves nothing behind once the sweeper has run, and costs no agenda number', async () => {
    const clerk = await loginAs(ctx, 'agendaris');
    const last = await IncomingLetterModel.findOne({ status: 'registered' })
      .sort({ agendaNumber: -1 })
      .lean();
    const year = last!.agendaYear;

    // Crash 1: the objects were stored, then the process died before any record.
    const orphanKey = fileObjectKey(
      'letters',
      year,
      String(new mongoose.Types.ObjectId()),
      String(new mongoose.Types.ObjectId()),
      'png',
    );
    await storage.putBuffer(orphanKey, await scanPng('yatim'), 'image/png');
    // The same crash under an outgoing letter's attachments and a meeting's attendance sheet;
    // a signed outgoing PDF (no file record by design) must survive every sweep.
    const otherOrphans = ['outgoing', 'meetings'].map((prefix) =>
      fileObjectKey(
        prefix,
        year,
        String(new mongoose.Types.ObjectId()),
        String(new mongoose.Types.ObjectId()),
        'pdf',
      ),
    );
    for (const key of otherOrphans)
      await storage.putBuffer(key, Buffer.from('%PDF-1.7'), 'application/pdf');
    const signedPdf = `outgoing/${year}/${String(new mongoose.Types.ObjectId())}/final-0123456789abcdef.pdf`;
    await storage.putBuffer(signedPdf, Buffer.from('%PDF-1.7'), 'application/pdf');

    // Crash 2: objects, pending letter and file records written, no number claimed yet.
    const pendingId = new mongoose.Types.ObjectId();
    const fileId = new mongoose.Types.ObjectId();
    const pendingKey = fileObjectKey('letters', year, String(pendingId), String(fileId), 'png');
    await storage.putBuffer(pendingKey, await scanPng('tertunda'), 'image/png');
    const sekda = await findPositionByKey('sekda');
    const user = await findUserByUsername('agendaris');
    await IncomingLetterModel.create({
      _id: pendingId,
      status: 'pending',
      register: 'SETDA',
      agendaYear: year,
      agendaNumber: null,
      agendaKey: pendingKeyOf(String(pendingId)),
      senderName: 'X',
      senderKey: 'x',
      letterNumber: '1',
      letterNumberKey: '1',
      letterDate: '2026-01-01',
      receivedDate: '2026-01-02',
      subject: 'S',
      classificationCode: '000',
      securityClass: 'B',
      urgency: 'biasa',
      addresseePositionId: sekda!._id,
      registeredBy: user!._id,
      registeredByName: 'Agendaris',
    });
    await StoredFileModel.create({
      _id: fileId,
      ownerType: 'incoming',
      ownerId: pendingId,
      name: 'a.png',
      size: 1,
      mimeType: 'image/png',
      sha256: 'f'.repeat(64),
      key: pendingKey,
    });

    // Within the grace period nothing is touched (an upload may still be running).
    expect(await sweepIncomingLetters(ctx.services)).toEqual({ registrations: 0, objects: 0 });
    const restore = shiftClock(REGISTRATION_GRACE_MS + 60_000);
    try {
      expect(await sweepIncomingLetters(ctx.services)).toEqual({ registrations: 1, objects: 3 });
    } finally {
      restore();
    }
    const others = [...(await storage.list('outgoing/')), ...(await storage.list('meetings/'))].map(
      (o) => o.key,
    );
    for (const key of otherOrphans) expect(others).not.toContain(key);
    expect(others).toContain(signedPdf);
    const keys = (await storage.list('letters/')).map((o) => o.key);
    expect(keys).not.toContain(orphanKey);
    expect(keys).not.toContain(pendingKey);
    expect(await IncomingLetterModel.countDocuments({ status: 'pending' })).toBe(0);
    expect(await StoredFileModel.countDocuments({ ownerId: pendingId })).toBe(0);

    // Every record points to an object, and the next number follows the last one.
    const files = await StoredFileModel.find({}).lean();
    expect(files.every((f) => keys.includes(f.key))).toBe(true);
    const next = await postLetter(clerk, letterData(), [
      { body: await scanPng('sesudah'), name: 'n.png' },
    ]);
    expect(next.body.agendaNumber).toBe(last!.agendaNumber! + 1);
  });
});
