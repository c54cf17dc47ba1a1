import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { PositionModel, UnitModel, UserModel } from './org.model.ts';
import { seedDemoOrganisation } from './org.seed.ts';
import {
  activePositionsOfUser,
  findPositionByKey,
  findUnitByCode,
  findUserByUsername,
  isPositionBelow,
  positionAncestors,
  unitSubtreeIds,
} from './org.service.ts';

describe('demo organisation seed', async () => {
  await createTestContext();

  it('builds the Setda structure of domain.md §2, once, even when two processes seed at once', async () => {
    const [a, b] = await Promise.all([seedDemoOrganisation(), seedDemoOrganisation()]);
    expect(a.seeded || b.seeded).toBe(true);
    expect(await UnitModel.countDocuments({ code: 'SETDA' })).toBe(1);
    expect(await UserModel.countDocuments({ username: 'sekda' })).toBe(1);
    expect(await UnitModel.countDocuments({ kind: 'asisten' })).toBe(3);
    expect(await UnitModel.countDocuments({ kind: 'biro' })).toBe(9);
    expect(await UnitModel.countDocuments({ kind: 'bagian' })).toBe(27);
    expect(await PositionModel.countDocuments({ kind: 'kepala_bagian' })).toBe(27);
    const staff = await PositionModel.countDocuments({ kind: 'staf' });
    expect(staff).toBeGreaterThanOrEqual(54);
    expect(staff).toBeLessThanOrEqual(81);
    for (const code of [
      'SETDA',
      'ASS.I',
      'ASS.II',
      'ASS.III',
      'B.PEM',
      'B.HUK',
      'B.KESRA',
      'B.PEREK',
      'B.ADPEM',
      'B.PBJ',
      'B.ORG',
      'B.UM',
      'B.ADPIM',
    ]) {
      expect(await findUnitByCode(code), code).not.toBeNull();
    }
    for (const username of [
      'admin',
      'agendaris',
      'sekda',
      'asisten1',
      'asisten3',
      'karoumum',
      'kabagtu',
      'staftu',
      'karohukum',
      'arsiparis',
    ]) {
      const user = await findUserByUsername(username);
      expect(user, username).not.toBeNull();
      expect(user?.active).toBe(true);
    }
    const users = await UserModel.find({ nip: { $ne: null } }).lean();
    for (const user of users) expect(user.nip).toMatch(/^\d{18}$/);
    expect(new Set(users.map((u) => u.nip)).size).toBe(users.length);
    const arsiparis = await findUserByUsername('arsiparis');
    expect(arsiparis?.roles).toEqual(['arsiparis']);
    expect(arsiparis?.clearance).toBe('R');
  });

  it('is idempotent: a second run creates nothing', async () => {
    const before = await UserModel.countDocuments();
    const again = await seedDemoOrganisation();
    expect(again.seeded).toBe(false);
    expect(await UserModel.countDocuments()).toBe(before);
  });

  it('answers reporting-line questions', async () => {
    const sekda = await findPositionByKey('sekda');
    const asisten3 = await findPositionByKey('asisten3');
    const karoumum = await findPositionByKey('karoumum');
    const kabagtu = await findPositionByKey('kabagtu');
    const staftu = await findPositionByKey('staftu-1');
    const karohukum = await findPositionByKey('karohukum');
    expect(staftu?.title).toBeTruthy();
    const chain = await positionAncestors(staftu!._id);
    expect(chain.map((p) => p.key)).toEqual(['kabagtu', 'karoumum', 'asisten3', 'sekda']);
    expect(await isPositionBelow(kabagtu!._id, karoumum!._id)).toBe(true);
    expect(await isPositionBelow(kabagtu!._id, sekda!._id)).toBe(true);
    expect(await isPositionBelow(kabagtu!._id, karohukum!._id)).toBe(false);
    expect(await isPositionBelow(asisten3!._id, kabagtu!._id)).toBe(false);
    const biroUmum = await findUnitByCode('B.UM');
    const subtree = (await unitSubtreeIds(biroUmum!._id)).map(String);
    expect(subtree).toHaveLength(4);
    expect(subtree).toContain(String(kabagtu!.unitId));
  });

  it('lists the positions a user holds today', async () => {
    const user = await findUserByUsername('kabagtu');
    const held = await activePositionsOfUser(user!._id);
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({
      key: 'kabagtu',
      title: 'Kepala Bagian Tata Usaha',
      acting: false,
      unitCode: 'B.UM.1',
    });
    expect(held[0]!.unitPath).toHaveLength(4);
    const staftu = await activePositionsOfUser((await findUserByUsername('staftu'))!._id);
    expect(staftu.map((p) => p.key)).toEqual(['staftu-1']);
  });
});
