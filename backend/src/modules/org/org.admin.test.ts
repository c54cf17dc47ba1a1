import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, seedDemoOrganisation, type LoggedInAgent } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { findPositionByKey, findUnitByCode, findUserByUsername } from './org.service.ts';

describe('admin endpoints for the organisation', async () => {
  const ctx = await createTestContext();
  let admin: LoggedInAgent;
  beforeAll(async () => {
    await seedDemoOrganisation();
    admin = await loginAs(ctx, 'admin');
  });

  it('lets every logged-in user read the unit tree and positions with holders', async () => {
    const staf = await loginAs(ctx, 'staftu');
    const units = await staf.get('/api/org/units');
    expect(units.status).toBe(200);
    expect(units.body.items.length).toBe(40);
    const setda = units.body.items.find((u: { code: string }) => u.code === 'SETDA');
    expect(setda).toMatchObject({ parentId: null, ancestorIds: [], kind: 'setda' });
    expect(setda).not.toHaveProperty('_id');
    const biroUmum = units.body.items.find((u: { code: string }) => u.code === 'B.UM');
    const positions = await staf.get('/api/org/positions').query({ unitId: biroUmum.id });
    expect(positions.body.items).toEqual([
      expect.objectContaining({
        key: 'karoumum',
        title: 'Kepala Biro Umum',
        holders: [expect.objectContaining({ acting: false })],
      }),
    ]);
    const subtree = await staf
      .get('/api/org/positions')
      .query({ unitId: biroUmum.id, subtree: 'true' });
    expect(subtree.body.items.map((p: { key: string }) => p.key)).toEqual(
      expect.arrayContaining(['karoumum', 'kabagtu', 'staftu-1', 'kabagrt', 'stafkeu-2']),
    );
    expect(subtree.body.items).toHaveLength(1 + 3 + 3 + 2 + 2);
    expect((await ctx.request().get('/api/org/units')).status).toBe(401);
  });

  it('refuses every admin endpoint to non-admins', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    const unit = await findUnitByCode('B.UM');
    const position = await findPositionByKey('kabagtu');
    const user = await findUserByUsername('staftu');
    const calls = [
      sekda.get('/api/admin/users'),
      sekda.get(`/api/admin/users/${user!._id}`),
      sekda.post('/api/admin/users').send({ username: 'baru', name: 'Baru' }),
      sekda.patch(`/api/admin/users/${user!._id}`).send({ active: false }),
      sekda.post(`/api/admin/users/${user!._id}/password`).send({ password: 'Kata-Sandi-Baru-99' }),
      sekda
        .post('/api/admin/units')
        .send({ code: 'X', name: 'X', kind: 'bagian', parentId: String(unit!._id) }),
      sekda.patch(`/api/admin/units/${unit!._id}`).send({ name: 'X' }),
      sekda
        .post('/api/admin/positions')
        .send({ key: 'x', title: 'X', kind: 'staf', unitId: String(unit!._id), parentId: null }),
      sekda.patch(`/api/admin/positions/${position!._id}`).send({ title: 'X' }),
      sekda.get('/api/admin/assignments'),
      sekda.post('/api/admin/assignments').send({}),
      sekda.delete(`/api/admin/assignments/${user!._id}`),
      sekda.get('/api/admin/audit'),
      sekda.get('/api/admin/audit/verify'),
    ];
    for (const [i, response] of (await Promise.all(calls)).entries()) {
      expect(response.status, `call ${i}`).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('creates a unit and a position under it, refuses duplicates, and moves a subtree', async () => {
    const biroUmum = await findUnitByCode('B.UM');
    const created = await admin.post('/api/admin/units').send({
      code: 'B.UM.4',
      name: 'Bagian Arsip',
      kind: 'bagian',
      parentId: String(biroUmum!._id),
    });
    expect(created.status).toBe(201);
    expect(created.body.ancestorIds).toEqual([
      ...biroUmum!.ancestorIds.map(String),
      String(biroUmum!._id),
    ]);
    const duplicate = await admin
      .post('/api/admin/units')
      .send({ code: 'B.UM.4', name: 'Lagi', kind: 'bagian', parentId: String(biroUmum!._id) });
    expect(duplicate.status).toBe(409);
    const karoumum = await findPositionByKey('karoumum');
    const kabag = await admin.post('/api/admin/positions').send({
      key: 'kabagarsip',
      title: 'Kepala Bagian Arsip',
      kind: 'kepala_bagian',
      unitId: created.body.id,
      parentId: String(karoumum!._id),
    });
    expect(kabag.status).toBe(201);
    expect(kabag.body.ancestorIds).toContain(String(karoumum!._id));
    const staf = await admin.post('/api/admin/positions').send({
      key: 'stafarsip-1',
      title: 'Arsiparis',
      kind: 'staf',
      unitId: created.body.id,
      parentId: kabag.body.id,
    });
    expect(staf.status).toBe(201);
    // Move Bagian Arsip's head under Biro Hukum: the staff position follows.
    const karohukum = await findPositionByKey('karohukum');
    const moved = await admin
      .patch(`/api/admin/positions/${kabag.body.id}`)
      .send({ parentId: String(karohukum!._id) });
    expect(moved.status).toBe(200);
    const stafAfter = await findPositionByKey('stafarsip-1');
    expect(stafAfter!.ancestorIds.map(String)).toEqual([
      ...karohukum!.ancestorIds.map(String),
      String(karohukum!._id),
      kabag.body.id,
    ]);
    // A unit cannot move under itself.
    const loop = await admin
      .patch(`/api/admin/units/${biroUmum!._id}`)
      .send({ parentId: created.body.id });
    expect(loop.status).toBe(400);
    // A unit with active positions cannot be deactivated.
    expect(
      (await admin.patch(`/api/admin/units/${created.body.id}`).send({ active: false })).status,
    ).toBe(409);
  });

  it('creates a user with a position, validates NIP and password strength', async () => {
    const position = await findPositionByKey('stafrt-1');
    const badNip = await admin
      .post('/api/admin/users')
      .send({ username: 'dewi', name: 'Dewi', nip: '123' });
    expect(badNip.status).toBe(400);
    const weak = await admin
      .post('/api/admin/users')
      .send({ username: 'dewi', name: 'Dewi', password: 'pendek' });
    expect(weak.status).toBe(400);
    expect(await findUserByUsername('dewi')).toBeNull();
    const created = await admin.post('/api/admin/users').send({
      username: 'Dewi.Lestari',
      name: 'Dewi Lestari, S.E.',
      nip: '199001012015032001',
      roles: ['pejabat'],
      clearance: 'T',
      password: 'Rumah-Tangga-2026!',
      positionId: String(position!._id),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      username: 'dewi.lestari',
      passwordSet: true,
      demoPassword: false,
      active: true,
    });
    expect(created.body).not.toHaveProperty('passwordHash');
    expect(created.body.assignments).toEqual([
      expect.objectContaining({
        positionId: String(position!._id),
        acting: false,
        status: 'current',
      }),
    ]);
    const login = await ctx
      .request()
      .post('/api/auth/login')
      .send({ username: 'dewi.lestari', password: 'Rumah-Tangga-2026!' });
    expect(login.status).toBe(200);
    expect(login.body.user.positions[0].key).toBe('stafrt-1');
    const list = await admin.get('/api/admin/users').query({ q: 'lestari' });
    expect(list.body.items.map((u: { username: string }) => u.username)).toContain('dewi.lestari');
    expect(
      (await admin.post('/api/admin/users').send({ username: 'dewi.lestari', name: 'X' })).status,
    ).toBe(409);
  });

  it('deactivating a user ends their sessions and tokens at once', async () => {
    const victim = await loginAs(ctx, 'karohukum');
    const token = await victim.post('/api/auth/tokens').send({ name: 'integrasi' });
    const user = await findUserByUsername('karohukum');
    const patched = await admin.patch(`/api/admin/users/${user!._id}`).send({ active: false });
    expect(patched.status).toBe(200);
    expect(patched.body.active).toBe(false);
    expect((await victim.get('/api/auth/me')).status).toBe(401);
    expect(
      (await ctx.request().get('/api/auth/me').set('Authorization', `Bearer ${token.body.secret}`))
        .status,
    ).toBe(401);
    expect((await admin.patch(`/api/admin/users/${user!._id}`).send({ active: true })).status).toBe(
      200,
    );
  });

  it('an admin cannot deactivate themselves or drop their own admin role', async () => {
    expect(
      (await admin.patch(`/api/admin/users/${admin.user.id}`).send({ active: false })).status,
    ).toBe(400);
    expect(
      (await admin.patch(`/api/admin/users/${admin.user.id}`).send({ roles: ['pejabat'] })).status,
    ).toBe(400);
  });

  it("an admin password reset ends the user's sessions", async () => {
    const asisten = await loginAs(ctx, 'asisten1');
    const user = await findUserByUsername('asisten1');
    expect(
      (
        await admin
          .post(`/api/admin/users/${user!._id}/password`)
          .send({ password: 'Asisten-Satu-2026' })
      ).status,
    ).toBe(204);
    expect((await asisten.get('/api/auth/me')).status).toBe(401);
    expect(
      (
        await ctx
          .request()
          .post('/api/auth/login')
          .send({ username: 'asisten1', password: 'Asisten-Satu-2026' })
      ).status,
    ).toBe(200);
  });
});
