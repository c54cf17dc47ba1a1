import { describe, expect, it } from 'vitest';
import { loginAs } from '../../../test/auth-helpers.ts';
import { dispositionTestContext } from '../dispositions/test-support.ts';
import { rebuildSeries } from '../dispositions/series.ts';
import { DispositionModel } from '../dispositions/disposition.model.ts';
import { StoredFileModel } from '../files/file.model.ts';
import { IncomingLetterModel } from '../letters/letters.model.ts';
import { seedPractice } from './seed.service.ts';

/** The practice dataset (lontar.sh seed) on the real servers: what it writes is what the
 * product's own screens read, and a second run with the same size adds nothing. */
const ctx = await dispositionTestContext();
const quiet = () => undefined;

describe('practice dataset', () => {
  it('writes letters the product serves, with scans in storage, and is idempotent', async () => {
    // Four a working day spread the letters over two weeks: what happens to a letter in the
    // days after it arrives (dispositions, reports) has then happened to most of them on any
    // day and hour the test runs (with the default, all 40 fall on the last working day, and on
    // a Tuesday that is yesterday: half the dispositions were missing from 17:00 UTC).
    const first = await seedPractice({
      letters: 40,
      perDay: 4,
      storage: ctx.services.storage,
      log: quiet,
    });
    expect(first.added).toBe(40);
    await rebuildSeries();

    const letters = await IncomingLetterModel.find({}).lean();
    expect(letters).toHaveLength(40);
    const numbers = new Set(letters.map((l) => `${l.register}:${l.agendaYear}:${l.agendaNumber}`));
    expect(numbers.size).toBe(40);
    expect(await DispositionModel.countDocuments({})).toBeGreaterThan(40);
    const files = await StoredFileModel.find({}).lean();
    expect(files).toHaveLength(40);
    for (const file of files.slice(0, 5))
      expect(await ctx.services.storage.stat(file.key)).not.toBeNull();

    // The clerk's register and an Asisten's inbox show the seeded work.
    const clerk = await loginAs(ctx, 'agendaris');
    const register = await clerk.get('/api/incoming-letters').expect(200);
    expect(register.body.total).toBeGreaterThan(0);
    const asisten = await loginAs(ctx, 'asisten1');
    const inbox = await asisten.get('/api/dispositions/inbox?status=all').expect(200);
    expect(inbox.body.total).toBeGreaterThan(0);

    const again = await seedPractice({
      letters: 40,
      perDay: 4,
      storage: ctx.services.storage,
      log: quiet,
    });
    expect(again.added).toBe(0);
    expect(await IncomingLetterModel.countDocuments({})).toBe(40);
    expect(await StoredFileModel.countDocuments({})).toBe(40);
  });
});
