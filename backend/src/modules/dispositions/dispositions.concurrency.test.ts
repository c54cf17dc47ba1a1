import { describe, expect, it } from 'vitest';
import { ROLL_FORWARD_AFTER_MS, StateClaimModel } from '../../lib/claims.ts';
import { now, shiftClock } from '../../lib/clock.ts';
import { AssignmentModel } from '../org/org.model.ts';
import { findUserByUsername } from '../org/org.service.ts';
import { DispositionModel, DispositionTransitionModel } from './disposition.model.ts';
import {
  disposeAs,
  dispositionTestContext,
  forwardAs,
  loginAs,
  pos,
  registerLetter,
  reportAs,
} from './test-support.ts';
import { commitTransition, loadDisposition } from './transitions.ts';

const ctx = await dispositionTestContext();
const sekda = await loginAs(ctx, 'sekda');
const asisten3 = await loginAs(ctx, 'asisten3');

// A Plh for Asisten III: two officials holding the same position at the same moment.
const plhUser = await findUserByUsername('asisten2');
await AssignmentModel.create({
  userId: plhUser!._id,
  positionId: await pos('asisten3'),
  acting: true,
  actingKind: 'plh',
  startsAt: new Date(now().getTime() - 86_400_000),
  endsAt: new Date(now().getTime() + 7 * 86_400_000),
});
const plh = await loginAs(ctx, 'asisten2');

async function reportedNode(): Promise<string> {
  const letterId = await registerLetter(ctx);
  const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
  expect((await reportAs(asisten3, node!.id, { text: 'Sudah ditindaklanjuti.' })).status).toBe(201);
  return node!.id;
}

describe('two officials on one node at the same moment', () => {
  it('completes once: one 200, the other 409 CONFLICT with the current state', async () => {
    for (let round = 0; round < 4; round++) {
      const id = await reportedNode();
      const [a, b] = await Promise.all([
        asisten3.post(`/api/dispositions/${id}/complete`),
        plh.post(`/api/dispositions/${id}/complete`),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(loser.body.error.code).toBe('CONFLICT');
      expect(loser.body.error.details).toMatchObject({
        id,
        status: expect.stringMatching(/diproses|selesai/),
      });
      const transitions = await DispositionTransitionModel.countDocuments({
        dispositionId: id,
        action: 'complete',
      });
      expect(transitions).toBe(1);
      // Sent at version 0, reported (1), completed (2): the loser moved nothing.
      expect((await DispositionModel.findById(id).lean())!.version).toBe(2);
    }
  });

  it("never both cancels and reads: the sender's cancel races the recipient's first look", async () => {
    for (let round = 0; round < 4; round++) {
      const letterId = await registerLetter(ctx);
      const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
      const [cancel, open] = await Promise.all([
        sekda.post(`/api/dispositions/${node!.id}/cancel`),
        asisten3.get(`/api/dispositions/${node!.id}`),
      ]);
      const stored = await loadDisposition(node!.id);
      const actions = (
        await DispositionTransitionModel.find({ dispositionId: node!.id }).lean()
      ).map((t) => t.action);
      expect(actions).toHaveLength(1);
      if (cancel.status === 200) {
        expect(stored!.status).toBe('dibatalkan');
        expect(actions).toEqual(['cancel']);
        expect(open.body.disposition.status).toMatch(/terkirim|dibatalkan/);
      } else {
        expect(cancel.status).toBe(409);
        expect(stored!.status).toBe('dibaca');
        expect(actions).toEqual(['read']);
      }
    }
  });

  it('serialises parallel reports: every success is one version, none is lost', async () => {
    const letterId = await registerLetter(ctx);
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        reportAs(i % 2 ? plh : asisten3, node!.id, { text: `Laporan paralel ${i + 1}` }),
      ),
    );
    const ok = responses.filter((r) => r.status === 201).length;
    expect(ok).toBeGreaterThanOrEqual(1);
    expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const stored = await loadDisposition(node!.id);
    expect(stored!.reportCount).toBe(ok);
    expect(stored!.version).toBe(ok);
    expect(await DispositionTransitionModel.countDocuments({ dispositionId: node!.id })).toBe(ok);
  });

  it('never completes a node while a child is being added to it', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await reportedNode();
      const body = {
        recipients: [{ positionId: await pos('karoumum'), role: 'primary' }],
        instructions: ['Tindak lanjuti'],
      };
      const [complete, forward] = await Promise.all([
        asisten3.post(`/api/dispositions/${id}/complete`),
        plh.post(`/api/dispositions/${id}/forward`).send(body),
      ]);
      expect([complete.status, forward.status].filter((s) => s === 409)).toHaveLength(1);
      const stored = await loadDisposition(id);
      const openChildren = await DispositionModel.countDocuments({
        parentId: id,
        status: 'terkirim',
      });
      if (stored!.status === 'selesai') expect(openChildren).toBe(0);
      else expect(openChildren).toBe(1);
    }
  });
});

describe('a writer that died between its claim and its update', () => {
  it('has its change finished by the next reader once the claim is old, not before', async () => {
    const letterId = await registerLetter(ctx);
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    const before = (await loadDisposition(node!.id))!;
    // The claim exists, the node was never updated (the process died in between).
    await DispositionTransitionModel.create({
      _id: `${node!.id}:0`,
      dispositionId: before._id,
      letterId: before.letterId,
      fromVersion: 0,
      action: 'read',
      fromStatus: 'terkirim',
      toStatus: 'dibaca',
      set: { readAt: now(), readByName: 'Penulis yang terhenti' },
      at: now(),
    });
    // Young claim: its writer may still be applying it; nobody else may move the node.
    expect((await loadDisposition(node!.id))!.status).toBe('terkirim');
    await expect(
      commitTransition({
        node: before,
        action: 'cancel',
        actor: { userId: null, name: 'uji', positionTitle: null },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const restore = shiftClock(60_000);
    try {
      const rolled = (await loadDisposition(node!.id))!;
      expect(rolled).toMatchObject({
        status: 'dibaca',
        version: 1,
        readByName: 'Penulis yang terhenti',
      });
      // Rolling forward twice changes nothing more.
      expect((await loadDisposition(node!.id))!.version).toBe(1);
    } finally {
      restore();
    }
  });
});

describe('many readers finding the same dead claim', () => {
  it('roll it forward once: exactly one of twelve then makes the next change, and it stays', async () => {
    // Each reader loads the node (rolling the dead claim forward) and returns it, which only
    // one can do. Several roll-forwards at once could each read the node at its old version;
    // FerretDB's guarded update being read-then-write, a late one landed after the winner's
    // return and put the node back to 'dibaca', losing the return.
    for (let round = 0; round < 3; round++) {
      const letterId = await registerLetter(ctx);
      const { asisten3: sent } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
      const before = (await loadDisposition(sent!.id))!;
      await DispositionTransitionModel.create({
        _id: `${sent!.id}:${before.version}`,
        dispositionId: before._id,
        letterId: before.letterId,
        fromVersion: before.version,
        action: 'read',
        fromStatus: 'terkirim',
        toStatus: 'dibaca',
        set: { readAt: now(), readByName: 'Penulis yang terhenti' },
        at: now(),
      });
      const restore = shiftClock(ROLL_FORWARD_AFTER_MS + 2_000);
      try {
        const outcomes = await Promise.allSettled(
          Array.from({ length: 12 }, async (_, i) => {
            const node = (await loadDisposition(sent!.id))!;
            return commitTransition({
              node,
              action: 'return',
              set: { reason: `Salah alamat (${i})`, closedAt: now() },
              actor: { userId: null, name: `pembaca ${i}`, positionTitle: null },
            });
          }),
        );
        const done = outcomes.filter((o) => o.status === 'fulfilled');
        expect(done).toHaveLength(1);
        for (const o of outcomes)
          if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'CONFLICT' });
        const after = (await DispositionModel.findById(sent!.id).lean())!;
        expect(after).toMatchObject({
          status: 'dikembalikan',
          version: before.version + 2,
          readByName: 'Penulis yang terhenti',
        });
        expect(await DispositionTransitionModel.countDocuments({ dispositionId: sent!.id })).toBe(
          2,
        );
        expect(
          await StateClaimModel.countDocuments({
            _id: `disposition:${sent!.id}:${before.version}:roll-forward`,
          }),
        ).toBe(0);
      } finally {
        restore();
      }
    }
  });
});

describe('sibling nodes', () => {
  it('move independently: the two recipients of one batch act at once without conflict', async () => {
    const letterId = await registerLetter(ctx);
    const { asisten3: top } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    const nodes = await forwardAs(asisten3, top!.id, [
      { key: 'karoumum' },
      { key: 'karoorg', role: 'coordinate' },
    ]);
    const [karoumum, karoorg] = await Promise.all([
      loginAs(ctx, 'karoumum'),
      loginAs(ctx, 'karoorg'),
    ]);
    const [a, b] = await Promise.all([
      reportAs(karoumum, nodes.karoumum!.id, { text: 'Laporan Biro Umum.' }),
      reportAs(karoorg, nodes.karoorg!.id, { text: 'Laporan Biro Organisasi.' }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
  });
});
