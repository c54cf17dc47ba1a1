import mongoose from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { actorFor } from '../../../test/auth-helpers.ts';
import { endOfJakartaDay } from '../calendar/dates.ts';
import { dispositionTestContext } from '../dispositions/test-support.ts';
import { findPositionByKey, getPosition, getUnit } from '../org/org.service.ts';
import { MeetingModel, type MeetingStatus } from './meeting.model.ts';
import { monthsBetween, summarizeMeetings } from './meetings.report.ts';

beforeAll(async () => {
  await dispositionTestContext();
});

async function ref(key: string) {
  const position = (await findPositionByKey(key))!;
  const unit = (await getUnit(position.unitId))!;
  return {
    positionId: position._id,
    positionTitle: position.title,
    unitId: unit._id,
    unitName: unit.name,
    unitPath: [...unit.ancestorIds, unit._id],
  };
}

/** A meeting stored as the service leaves it after finalising (statuses as synced). */
async function meeting(
  startAt: string,
  decisions: Array<{ key: string; status: string; dueDate: string }>,
  status: MeetingStatus = 'selesai',
) {
  const chair = await ref('sekda');
  const refs = await Promise.all(decisions.map((d) => ref(d.key)));
  const chairPosition = (await getPosition(chair.positionId))!;
  return MeetingModel.create({
    title: `Rapat koordinasi uji laporan ${startAt}`,
    kind: 'rapat_koordinasi',
    startAt: new Date(startAt),
    endAt: new Date(new Date(startAt).getTime() + 7_200_000),
    chair: { ...chair, positionTitle: chairPosition.title },
    decisions: decisions.map((d, i) => ({
      instruction: `Keputusan ${i + 1}`,
      ...refs[i],
      dueDate: d.dueDate,
      dueAt: endOfJakartaDay(d.dueDate),
      dispositionId: new mongoose.Types.ObjectId(),
      status: d.status,
    })),
    status,
    positionIds: [chair.positionId, ...refs.map((r) => r.positionId)],
    unitIds: [...new Set([...chair.unitPath, ...refs.flatMap((r) => r.unitPath)].map(String))],
    createdBy: { userId: new mongoose.Types.ObjectId(), name: 'Uji' },
  });
}

describe('summarizeMeetings', () => {
  it('lists the months of a period in Jakarta time', () => {
    expect(
      monthsBetween(new Date('2023-11-30T17:00:00Z'), new Date('2024-02-01T00:00:00Z')),
    ).toEqual(['2023-12', '2024-01', '2024-02']);
  });

  it('counts held meetings and their decisions done, late and open, per responsible unit', async () => {
    // A period of its own (2024), so other tests' meetings do not count.
    await meeting('2024-03-05T02:00:00Z', [
      { key: 'asisten1', status: 'selesai', dueDate: '2024-03-20' },
      { key: 'karoumum', status: 'diproses', dueDate: '2024-03-20' },
      { key: 'karoumum', status: 'dibatalkan', dueDate: '2024-03-20' },
    ]);
    await meeting('2024-03-28T02:00:00Z', [
      { key: 'karoumum', status: 'terkirim', dueDate: '2099-01-01' },
      { key: 'karoumum', status: 'draf', dueDate: '2099-01-01' },
    ]);
    await meeting('2024-03-10T02:00:00Z', [], 'batal');
    await meeting('2024-04-02T02:00:00Z', [
      { key: 'asisten1', status: 'terkirim', dueDate: '2024-04-10' },
    ]);

    const sekda = await actorFor('sekda');
    const march = await summarizeMeetings({
      from: new Date('2024-02-29T17:00:00Z'),
      to: new Date('2024-03-31T17:00:00Z'),
      actor: sekda,
    });
    expect(march.held).toBe(2);
    expect(march.decisions).toEqual({ done: 1, late: 1, open: 1, total: 3 });
    const umum = march.byUnit.find((u) => u.unitName === 'Biro Umum');
    expect(umum).toMatchObject({ done: 0, late: 1, open: 1 });
    const asisten = march.byUnit.find((u) => u.unitName.startsWith('Asisten Pemerintahan'));
    expect(asisten).toMatchObject({ done: 1, late: 0, open: 0 });

    // One unit's subtree: only the decisions its units are responsible for.
    const biroUmum = String((await findPositionByKey('karoumum'))!.unitId);
    const ofUmum = await summarizeMeetings({
      from: new Date('2024-02-29T17:00:00Z'),
      to: new Date('2024-03-31T17:00:00Z'),
      unitId: biroUmum,
      actor: sekda,
    });
    expect(ofUmum.held).toBe(2);
    expect(ofUmum.decisions).toEqual({ done: 0, late: 1, open: 1, total: 2 });
    expect(ofUmum.byUnit.map((u) => u.unitName)).toEqual(['Biro Umum']);

    // Someone outside every meeting's chain and units sees none of them.
    const karohukum = await actorFor('karohukum');
    const theirs = await summarizeMeetings({
      from: new Date('2024-02-29T17:00:00Z'),
      to: new Date('2024-03-31T17:00:00Z'),
      actor: karohukum,
    });
    expect(theirs).toEqual({
      held: 0,
      decisions: { done: 0, late: 0, open: 0, total: 0 },
      byUnit: [],
    });
  });
});
