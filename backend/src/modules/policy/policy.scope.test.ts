import { beforeAll, describe, expect, it } from 'vitest';
import { actorFor, seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { AssignmentModel } from '../org/org.model.ts';
import { findPositionByKey, findUnitByCode, findUserByUsername } from '../org/org.service.ts';
import { actorIsInUnitSubtree, authorize, can } from './policy.ts';
import { resourceScope } from './policy.scope.ts';

/** The policy against the seeded organisation: real reporting lines and unit trees. */
describe('policy on the demo organisation', async () => {
  await createTestContext();
  beforeAll(async () => {
    await seedDemoOrganisation();
  });

  const letterTo = async (positionKey: string, securityClass: 'B' | 'T' | 'R' | 'SR') => {
    const position = await findPositionByKey(positionKey);
    return resourceScope({
      unitId: String(position!.unitId),
      positionIds: [String(position!._id)],
      securityClass,
    });
  };

  it('lets the addressee and everyone above them read a Rahasia letter, and nobody beside them', async () => {
    const letter = await letterTo('staftu-1', 'R');
    expect(can(await actorFor('staftu'), 'letter.view_content', letter)).toBe(false); // clearance T
    expect(can(await actorFor('kabagtu'), 'letter.view_content', letter)).toBe(true);
    expect(can(await actorFor('karoumum'), 'letter.view_content', letter)).toBe(true);
    expect(can(await actorFor('asisten3'), 'letter.view_content', letter)).toBe(true);
    expect(can(await actorFor('sekda'), 'letter.view_content', letter)).toBe(true);
    expect(can(await actorFor('karohukum'), 'letter.view_content', letter)).toBe(false);
    expect(can(await actorFor('asisten1'), 'letter.view_content', letter)).toBe(false);
    expect(can(await actorFor('arsiparis'), 'letter.view_content', letter)).toBe(true);
    expect(can(await actorFor('agendaris'), 'letter.view_content', letter)).toBe(false);
    expect(can(await actorFor('agendaris'), 'letter.view', letter)).toBe(true);
    const outsider = await actorFor('karohukum');
    expect(() => authorize(outsider, 'letter.view_content', letter)).toThrow(/tidak berwenang/);
  });

  it('gives unit scope over a Biro to its head, not to a sibling Biro', async () => {
    const biasa = await letterTo('stafkeu-1', 'B');
    expect(can(await actorFor('karoumum'), 'letter.view', biasa)).toBe(true);
    expect(can(await actorFor('kabagtu'), 'letter.view', biasa)).toBe(false); // sibling Bagian
    expect(can(await actorFor('karohukum'), 'letter.view', biasa)).toBe(false);
    expect(can(await actorFor('kabagtu'), 'letter.dispose', await letterTo('kabagtu', 'B'))).toBe(
      true,
    );
    expect(can(await actorFor('karoumum'), 'letter.dispose', await letterTo('kabagtu', 'B'))).toBe(
      false,
    );
    const biroUmum = await findUnitByCode('B.UM');
    expect(actorIsInUnitSubtree(await actorFor('kabagtu'), String(biroUmum!._id))).toBe(true);
    expect(actorIsInUnitSubtree(await actorFor('karohukum'), String(biroUmum!._id))).toBe(false);
  });

  it('lets an acting official act on the inbox of the position they stand in for', async () => {
    const letter = await letterTo('karohukum', 'T');
    const kabagtu = await actorFor('kabagtu');
    expect(can(kabagtu, 'letter.dispose', letter)).toBe(false);
    const user = await findUserByUsername('kabagtu');
    const karohukum = await findPositionByKey('karohukum');
    await AssignmentModel.create({
      userId: user!._id,
      positionId: karohukum!._id,
      acting: true,
      actingKind: 'plh',
      startsAt: new Date(Date.now() - 3_600_000),
      endsAt: new Date(Date.now() + 3_600_000),
    });
    const acting = await actorFor('kabagtu');
    expect(acting.positions.map((p) => p.key)).toEqual(['kabagtu', 'karohukum']);
    expect(can(acting, 'letter.dispose', letter)).toBe(true);
  });
});
