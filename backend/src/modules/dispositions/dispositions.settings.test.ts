import { describe, expect, it } from 'vitest';
import { addWorkingDays, todayInJakarta } from '../calendar/calendar.service.ts';
import { DEFAULT_INSTRUCTIONS } from './settings.service.ts';
import { disposeAs, dispositionTestContext, loginAs, pos, registerLetter } from './test-support.ts';

const ctx = await dispositionTestContext();

describe('disposition settings', () => {
  it('start from the domain list and the default deadlines', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    const settings = (await sekda.get('/api/dispositions/settings')).body;
    expect(settings.instructions).toEqual(DEFAULT_INSTRUCTIONS);
    expect(settings.dueWorkingDays).toEqual({ biasa: 5, segera: 2, sangat_segera: 0 });
    const due = (await sekda.get('/api/dispositions/due-date').query({ urgency: 'segera' })).body;
    expect(due).toEqual({
      dueDate: await addWorkingDays(todayInJakarta(), 2),
      workingDays: 2,
      latest: null,
    });
  });

  it('are changed by an admin only, and the new list is what dispositions accept', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    const admin = await loginAs(ctx, 'admin');
    const next = {
      instructions: [...DEFAULT_INSTRUCTIONS, 'Buatkan telaahan staf'],
      dueWorkingDays: { biasa: 7, segera: 3, sangat_segera: 0 },
    };
    expect((await sekda.put('/api/dispositions/settings').send(next)).status).toBe(403);
    expect(
      (await admin.put('/api/dispositions/settings').send({ ...next, instructions: [] })).status,
    ).toBe(400);
    expect((await admin.put('/api/dispositions/settings').send(next)).body).toEqual(next);

    const letterId = await registerLetter(ctx, { urgency: 'biasa' });
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }], {
      instructions: ['Buatkan telaahan staf'],
    });
    expect(node!.dueDate).toBe(await addWorkingDays(todayInJakarta(), 7));
  });

  it('offers the positions below as recipients, direct reports first', async () => {
    const asisten3 = await loginAs(ctx, 'asisten3');
    const response = await asisten3
      .get('/api/dispositions/recipients')
      .query({ positionId: await pos('asisten3') });
    const items = response.body.items as Array<{
      positionId: string;
      direct: boolean;
      kind: string;
    }>;
    expect(items.slice(0, 3).every((i) => i.direct && i.kind === 'kepala_biro')).toBe(true);
    expect(items.some((i) => i.positionId === kabagtu)).toBe(true);
    expect(items.some((i) => i.positionId === karohukum)).toBe(false);
    expect(
      (await asisten3.get('/api/dispositions/recipients').query({ positionId: await pos('sekda') }))
        .status,
    ).toBe(403);
  });
});

const kabagtu = await pos('kabagtu');
const karohukum = await pos('karohukum');
