import { describe, expect, it } from 'vitest';
import { loginAs, seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { AuditEventModel } from '../audit/audit.model.ts';
import { SearchEventModel } from '../search/search-event.model.ts';
import { repairRegistrationFollowUps } from './follow-up.repair.ts';
import { letterData, postLetter, scanPdf } from './letters.fixtures.ts';
import { lettersStartupTask } from './letters.maintenance.ts';
import { IncomingLetterModel } from './letters.model.ts';

const ctx = await createTestContext({ LOG_LEVEL: process.env.TEST_LOG ?? 'silent' });
await seedDemoOrganisation();
await lettersStartupTask(ctx.services);
const clerk = await loginAs(ctx, 'agendaris');

describe('follow-up repair of registrations cut off by a crash', () => {
  it('finds the recent letters through the newest agenda buckets and finishes the half-done one', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await postLetter(clerk, letterData(), [
        { body: await scanPdf(`Surat ${i}`, 1), name: 'surat.pdf' },
      ]);
      expect(response.status).toBe(201);
      ids.push(response.body.id);
    }
    const [cutOff, done, old] = ids as [string, string, string];
    // As if the process died after the number: no audit event, no search document.
    await AuditEventModel.deleteMany({ recordType: 'incoming-letter', recordId: cutOff });
    await SearchEventModel.deleteMany({ letterId: cutOff });
    // Half-done too, but registered before the repair's window: not its business any more.
    await SearchEventModel.deleteMany({ letterId: old });
    await IncomingLetterModel.collection.updateOne(
      { _id: (await IncomingLetterModel.findById(old).lean())!._id },
      { $set: { createdAt: new Date(Date.now() - 2 * 86_400_000) } },
    );

    expect(await repairRegistrationFollowUps({ graceMs: 0 })).toBe(1);
    expect(
      await AuditEventModel.countDocuments({ recordType: 'incoming-letter', recordId: cutOff }),
    ).toBe(1);
    expect(await SearchEventModel.countDocuments({ letterId: cutOff })).toBeGreaterThan(0);
    expect(await SearchEventModel.countDocuments({ letterId: old })).toBe(0);
    expect(
      await AuditEventModel.countDocuments({ recordType: 'incoming-letter', recordId: done }),
    ).toBe(1);
    expect(await repairRegistrationFollowUps({ graceMs: 0 })).toBe(0);
  });
});
