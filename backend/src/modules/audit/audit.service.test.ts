import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import type { Actor } from '../../http/actor.ts';
import { AuditEventModel, AuditHeadModel } from './audit.model.ts';
import { diffFields, recordAudit, verifyAuditChain } from './audit.service.ts';

const actor: Actor = {
  userId: '64b000000000000000000001',
  username: 'karoumum',
  name: 'Drs. Budi Santoso, M.M.',
  roles: ['pejabat'],
  clearance: 'R',
  via: 'session',
  positions: [
    { id: 'p-own', title: 'Kepala Biro Umum', unitId: 'u1', acting: false },
    { id: 'p-acting', title: 'Kepala Biro Hukum', unitId: 'u2', acting: true, actingKind: 'plh' },
  ],
};

describe('audit trail', async () => {
  await createTestContext();

  it('appends hash-chained events with who, what, before/after and address', async () => {
    const first = await recordAudit({
      actor,
      action: 'letter.update',
      recordType: 'incoming-letter',
      recordId: 'L1',
      before: { subject: 'Undangan', securityClass: 'B', untouched: 1 },
      after: { subject: 'Undangan rapat', securityClass: 'B', untouched: 1 },
      ip: '10.1.2.3',
    });
    expect(first.seq).toBe(1);
    expect(first.actorPositionTitle).toBe('Kepala Biro Umum');
    expect(first.changes).toEqual([
      { field: 'subject', before: '"Undangan"', after: '"Undangan rapat"' },
    ]);
    const second = await recordAudit({
      actor,
      action: 'disposition.create',
      recordType: 'disposition',
      recordId: 'D1',
      positionId: 'p-acting',
    });
    expect(second.seq).toBe(2);
    expect(second.prevHash).toBe(first.hash);
    expect(second.actorPositionTitle).toBe('Plh. Kepala Biro Hukum');
    expect(second.acting).toBe(true);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, checked: 2, lastSeq: 2 });
  });

  it('keeps one unbroken chain when many appends race', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        recordAudit({ actor: null, action: 'test.race', recordType: 'test', recordId: String(i) }),
      ),
    );
    const seqs = (await AuditEventModel.find().sort({ seq: 1 }).lean()).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it('never stores secrets among the changed fields', () => {
    const changes = diffFields({ passwordHash: 'old' }, { passwordHash: 'new', name: 'A' });
    expect(JSON.stringify(changes)).not.toMatch(/old|new/);
    expect(changes.map((c) => c.field)).toEqual(['name', 'passwordHash']);
  });

  it('detects an edited event', async () => {
    await AuditEventModel.updateOne({ seq: 1 }, { $set: { actorName: 'Orang Lain' } });
    const report = await verifyAuditChain();
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ seq: 1, kind: 'edited' }));
    await AuditEventModel.updateOne({ seq: 1 }, { $set: { actorName: actor.name } });
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it('detects a removed event in the middle and at the end', async () => {
    const middle = await AuditEventModel.findOne({ seq: 3 }).lean();
    await AuditEventModel.deleteOne({ seq: 3 });
    const report = await verifyAuditChain();
    expect(report.problems).toContainEqual(expect.objectContaining({ seq: 3, kind: 'removed' }));
    await AuditEventModel.collection.insertOne(middle!);
    expect((await verifyAuditChain()).ok).toBe(true);

    const head = await AuditHeadModel.findById('head').lean();
    await AuditEventModel.deleteOne({ seq: head!.seq });
    const tail = await verifyAuditChain();
    expect(tail.ok).toBe(false);
    expect(tail.problems).toContainEqual(expect.objectContaining({ kind: 'tail_removed' }));
  });
});
