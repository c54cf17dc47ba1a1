import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, seedDemoOrganisation, type LoggedInAgent } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { AuditEventModel } from '../audit/audit.model.ts';
import { findUserByUsername } from './org.service.ts';

/**
 * The officials' NIK (BSrE signs by it): 16 digits, unique when set, edited by the admin,
 * read only by admins and the user themself; the audit trail keeps only its last digits.
 */
const ctx = await createTestContext();
let admin: LoggedInAgent;

beforeAll(async () => {
  await seedDemoOrganisation();
  admin = await loginAs(ctx, 'admin');
});

describe('NIK on users', () => {
  it('is validated, unique when set, masked in the audit trail, and shown to the user themself', async () => {
    const sekda = (await findUserByUsername('sekda'))!;
    const bad = await admin.patch(`/api/admin/users/${sekda._id}`).send({ nik: '12345' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('NIK harus 16 angka.');
    const zero = await admin
      .patch(`/api/admin/users/${sekda._id}`)
      .send({ nik: '0000000000000000' });
    expect(zero.status).toBe(400);

    const set = await admin
      .patch(`/api/admin/users/${sekda._id}`)
      .send({ nik: '1871010101700099' });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.nik).toBe('1871010101700099');

    const created = await admin.post('/api/admin/users').send({
      username: 'nik-ganda',
      name: 'Pengguna NIK Ganda',
      nik: '1871010101700099',
      roles: [],
    });
    expect(created.status).toBe(409);
    expect(created.body.error.message).toBe('NIK ini sudah tercatat pada pengguna lain.');
    const other = await admin.post('/api/admin/users').send({
      username: 'nik-lain',
      name: 'Pengguna NIK Lain',
      nik: '1871010101700100',
      roles: [],
    });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    const taken = await admin
      .patch(`/api/admin/users/${other.body.id}`)
      .send({ nik: '1871010101700099' });
    expect(taken.status).toBe(409);
    // Saving the same NIK again on its own holder is no conflict; clearing it frees it.
    expect(
      (await admin.patch(`/api/admin/users/${sekda._id}`).send({ nik: '1871010101700099' })).status,
    ).toBe(200);
    expect(
      (await admin.patch(`/api/admin/users/${other.body.id}`).send({ nik: null })).body.nik,
    ).toBeNull();

    const audit = await AuditEventModel.find({
      action: 'org.user.update',
      recordId: String(sekda._id),
    }).lean<{ changes: { field: string; after: string | null }[] }[]>();
    const nikChanges = audit.flatMap((a) => a.changes.filter((c) => c.field === 'nik'));
    expect(nikChanges.map((c) => c.after)).toContain('"************0099"');
    expect(JSON.stringify(audit)).not.toContain('1871010101700099');

    const self = await loginAs(ctx, 'sekda');
    expect((await self.get('/api/auth/me')).body.user.nik).toBe('1871010101700099');
    const clerk = await loginAs(ctx, 'staftu');
    expect((await clerk.get('/api/auth/me')).body.user.nik).toBeNull();
    expect((await clerk.get(`/api/admin/users/${sekda._id}`)).status).toBe(403);
  });
});
