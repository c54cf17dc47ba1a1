import { describe, expect, it } from 'vitest';
import { addWorkingDays, todayInJakarta } from '../calendar/calendar.service.ts';
import {
  disposeAs,
  dispatchBody,
  dispositionTestContext,
  forwardAs,
  loginAs,
  registerLetter,
} from './test-support.ts';

const ctx = await dispositionTestContext();
const sekda = await loginAs(ctx, 'sekda');
const asisten3 = await loginAs(ctx, 'asisten3');

/** Issue 15, point 4: a forward inherits its parent's deadline; it may be shortened, never
 * moved past the parent's. */
describe('the deadline of a forward', () => {
  it("defaults to the parent's deadline, also when the urgency's own default is today", async () => {
    const today = todayInJakarta();
    const parentDue = await addWorkingDays(today, 5);
    const letterId = await registerLetter(ctx, { urgency: 'sangat_segera' });
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }], {
      dueDate: parentDue,
    });
    expect(node!.dueDate).toBe(parentDue);

    const offered = await asisten3
      .get('/api/dispositions/due-date')
      .query({ urgency: 'sangat_segera', parentId: node!.id });
    expect(offered.status).toBe(200);
    expect(offered.body).toEqual({ dueDate: parentDue, workingDays: null, latest: parentDue });

    const { karoumum: child } = await forwardAs(asisten3, node!.id, [{ key: 'karoumum' }], {
      urgency: 'sangat_segera',
    });
    expect(child!.dueDate).toBe(parentDue);
  });

  it('accepts an earlier deadline and refuses a later one with the reason', async () => {
    const today = todayInJakarta();
    const parentDue = await addWorkingDays(today, 3);
    const letterId = await registerLetter(ctx);
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }], {
      dueDate: parentDue,
    });
    const later = await asisten3
      .post(`/api/dispositions/${node!.id}/forward`)
      .send(await dispatchBody([{ key: 'karoumum' }], { dueDate: await addWorkingDays(today, 4) }));
    expect(later.status).toBe(400);
    expect(later.body.error.code).toBe('VALIDATION_FAILED');
    expect(later.body.error.message).toMatch(/tidak boleh melewati batas waktu disposisi/);
    expect(later.body.error.details.issues[0].path).toBe('dueDate');

    const earlier = await addWorkingDays(today, 1);
    const { karoumum: child } = await forwardAs(asisten3, node!.id, [{ key: 'karoumum' }], {
      dueDate: earlier,
    });
    expect(child!.dueDate).toBe(earlier);
  });

  it('leaves the top-level default to the urgency', async () => {
    const offered = await sekda.get('/api/dispositions/due-date').query({ urgency: 'segera' });
    expect(offered.body).toEqual({
      dueDate: await addWorkingDays(todayInJakarta(), 2),
      workingDays: 2,
      latest: null,
    });
  });
});
