import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, seedDemoOrganisation, type LoggedInAgent } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { findUserByUsername } from '../org/org.service.ts';
import { registerRecordHistoryAccess } from './audit.access.ts';
import { AuditEventModel } from './audit.model.ts';
import { recordAudit } from './audit.service.ts';

describe('audit endpoints', async () => {
  const ctx = await createTestContext();
  let admin: LoggedInAgent;
  beforeAll(async () => {
    await seedDemoOrganisation();
    admin = await loginAs(ctx, 'admin');
  });

  it('lets admins browse and filter the trail, newest first, with before/after values', async () => {
    const user = await findUserByUsername('staftu');
    const patched = await admin
      .patch(`/api/admin/users/${user!._id}`)
      .send({ phone: '081234567890' });
    expect(patched.status).toBe(200);
    const all = await admin.get('/api/admin/audit');
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThan(1);
    const seqs = all.body.items.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const updates = await admin
      .get('/api/admin/audit')
      .query({ action: 'org.user.update', recordId: String(user!._id) });
    expect(updates.body.items).toHaveLength(1);
    expect(updates.body.items[0]).toMatchObject({
      actor: { username: 'admin', name: 'Administrator Lontar' },
      recordType: 'user',
      changes: [{ field: 'phone', after: '081234567890' }],
    });
    expect(updates.body.items[0].ip).toBeTruthy();
    const byPrefix = await admin.get('/api/admin/audit').query({ action: 'auth.' });
    expect(byPrefix.body.items.every((e: { action: string }) => e.action.startsWith('auth.'))).toBe(
      true,
    );
    const bad = await admin.get('/api/admin/audit').query({ from: 'kemarin' });
    expect(bad.status).toBe(400);
  });

  it('shows a record its own history to whoever the owning module allows', async () => {
    registerRecordHistoryAccess('test-letter', (actor) => actor.username === 'sekda');
    await recordAudit({
      actor: null,
      action: 'test-letter.create',
      recordType: 'test-letter',
      recordId: 'L-77',
      after: { perihal: 'Undangan' },
    });
    await recordAudit({
      actor: null,
      action: 'test-letter.update',
      recordType: 'test-letter',
      recordId: 'L-77',
      before: { perihal: 'Undangan' },
      after: { perihal: 'Undangan rapat' },
    });
    const sekda = await loginAs(ctx, 'sekda');
    const history = await sekda.get('/api/audit/records/test-letter/L-77');
    expect(history.status).toBe(200);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual([
      'test-letter.create',
      'test-letter.update',
    ]);
    const other = await loginAs(ctx, 'karohukum');
    expect((await other.get('/api/audit/records/test-letter/L-77')).status).toBe(403);
    expect((await other.get('/api/audit/records/unknown-type/1')).status).toBe(403);
    // Everyone sees their own account's history.
    expect((await other.get(`/api/audit/records/user/${other.user.id}`)).status).toBe(200);
    expect((await admin.get('/api/audit/records/test-letter/L-77')).status).toBe(200);
  });

  it('verifies the chain through the admin endpoint and reports tampering', async () => {
    const ok = await admin.get('/api/admin/audit/verify');
    expect(ok.body).toMatchObject({ ok: true, problems: [] });
    expect(ok.body.checked).toBeGreaterThan(3);
    await AuditEventModel.updateOne({ seq: 2 }, { $set: { action: 'auth.logout' } });
    const tampered = await admin.get('/api/admin/audit/verify');
    expect(tampered.body.ok).toBe(false);
    expect(tampered.body.problems[0]).toMatchObject({ seq: 2, kind: 'edited' });
  });
});
