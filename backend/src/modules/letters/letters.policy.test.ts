import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { loginAs, seedDemoOrganisation, type LoggedInAgent } from '../../../test/auth-helpers.ts';
import { UserModel, AssignmentModel } from '../org/org.model.ts';
import { findPositionByKey, findUserByUsername } from '../org/org.service.ts';
import { letterData, postLetter, scanPng } from './letters.fixtures.ts';
import { lettersStartupTask } from './letters.maintenance.ts';

const ctx = await createTestContext({ LOG_LEVEL: process.env.TEST_LOG ?? 'silent' });
await seedDemoOrganisation();
await lettersStartupTask(ctx.services);

// A second clerk at the desk, who did not register the letters below.
const original = await findUserByUsername('agendaris');
const other = await UserModel.create({
  username: 'agendaris2',
  name: 'Agendaris Kedua',
  roles: ['agendaris'],
  clearance: 'T',
  passwordHash: original!.passwordHash,
  active: true,
});
const staffPosition = await findPositionByKey('staftu-1');
await AssignmentModel.create({
  userId: other._id,
  positionId: staffPosition!._id,
  acting: false,
  startsAt: new Date('2020-01-01'),
  endsAt: null,
});

const karoumum = await findPositionByKey('karoumum');
const kabagtu = await findPositionByKey('kabagtu');
const clerk = await loginAs(ctx, 'agendaris');

async function register(securityClass: string) {
  const response = await postLetter(
    clerk,
    letterData({
      securityClass,
      subject: `Perihal sangat rahasia ${securityClass}`,
      addresseePositionId: String(karoumum!._id),
      copyPositionIds: [String(kabagtu!._id)],
    }),
    [{ body: await scanPng(`rahasia ${securityClass} ${Math.random()}`), name: 'r.png' }],
  );
  expect(response.status).toBe(201);
  return response.body as { id: string; files: Array<{ id: string }> };
}

const rLetter = await register('R');
const srLetter = await register('SR');
const bLetter = await register('B');

const agents = new Map<string, LoggedInAgent>();
async function as(username: string): Promise<LoggedInAgent> {
  if (!agents.has(username)) agents.set(username, await loginAs(ctx, username));
  return agents.get(username)!;
}

type Access = 'content' | 'restricted' | 'hidden';
async function accessOf(
  username: string,
  letter: { id: string; files: Array<{ id: string }> },
): Promise<Access> {
  const agent = await as(username);
  const detail = await agent.get(`/api/incoming-letters/${letter.id}`);
  const file = await agent.get(`/api/files/${letter.files[0]!.id}/content`);
  if (detail.status === 404) {
    expect(file.status).toBe(404);
    return 'hidden';
  }
  expect(detail.status).toBe(200);
  if (detail.body.restricted) {
    expect(detail.body.subject).toBe('RAHASIA');
    expect(detail.body.letterNumber).toBeNull();
    expect(detail.body.files).toEqual([]);
    expect(file.status).toBe(404);
    return 'restricted';
  }
  expect(detail.body.subject).toMatch(/Perihal sangat rahasia/);
  expect(file.status).toBe(200);
  return 'content';
}

describe('who may read a letter (security matrix)', () => {
  const cases: Array<[string, string, Access, Access, Access]> = [
    // user, role and place, R letter, SR letter, B letter (docs/security.md, "Decisions")
    ['agendaris', 'registering clerk', 'restricted', 'restricted', 'content'],
    ['agendaris2', 'another clerk at the desk', 'restricted', 'restricted', 'content'],
    ['admin', 'admin', 'hidden', 'hidden', 'hidden'],
    ['arsiparis', 'archivist cleared for R', 'content', 'restricted', 'content'],
    ['karoumum', 'addressee cleared for R', 'content', 'restricted', 'content'],
    ['asisten3', "addressee's superior", 'content', 'content', 'content'],
    ['sekda', "addressee's top superior", 'content', 'content', 'content'],
    ['kabagtu', 'tembusan cleared for R', 'content', 'restricted', 'content'],
    ['karohukum', 'pejabat outside the chain', 'hidden', 'hidden', 'hidden'],
  ];
  for (const [username, who, r, sr, b] of cases) {
    it(`${who} (${username}): R → ${r}, SR → ${sr}, B → ${b}`, async () => {
      expect(await accessOf(username, rLetter)).toBe(r);
      expect(await accessOf(username, srLetter)).toBe(sr);
      expect(await accessOf(username, bLetter)).toBe(b);
    });
  }

  it('keeps R subjects out of the register search of those who may not read them', async () => {
    const otherClerk = await as('agendaris2');
    const found = await otherClerk.get('/api/incoming-letters').query({ q: 'sangat rahasia' });
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([bLetter.id]);
    const outside = await as('karohukum');
    expect((await outside.get('/api/incoming-letters')).body.total).toBe(0);
  });

  it('gives dispositions a hook: a position the letter is disposed to may then read it', async () => {
    const { grantLetterAccess } = await import('./letters.service.ts');
    const karohukum = await findPositionByKey('karohukum');
    await grantLetterAccess(rLetter.id, [String(karohukum!._id)]);
    const agentsFresh = await loginAs(ctx, 'karohukum');
    const detail = await agentsFresh.get(`/api/incoming-letters/${rLetter.id}`);
    expect(detail.body.restricted).toBe(false);
  });
});

describe('who may register, correct and void', () => {
  it('lets only the desk (agendaris) register', async () => {
    for (const username of ['karoumum', 'arsiparis', 'sekda', 'admin']) {
      const agent = await as(username);
      const response = await postLetter(agent, letterData(), [
        { body: await scanPng(`x ${username}`), name: 'x.png' },
      ]);
      expect(response.status, username).toBe(403);
    }
  });

  it('lets the registering clerk correct with a reason, and records it in the history', async () => {
    const response = await clerk
      .patch(`/api/incoming-letters/${bLetter.id}`)
      .send({ subject: 'Perihal yang dikoreksi', reason: 'Salah ketik' });
    expect(response.status).toBe(200);
    expect(response.body.subject).toBe('Perihal yang dikoreksi');
    expect(response.body.correctionCount).toBe(1);
    const history = await clerk.get(`/api/incoming-letters/${bLetter.id}/history`);
    const correction = history.body.items.find(
      (e: { action: string }) => e.action === 'incoming.correct',
    );
    // The Riwayat says it in a sentence (the field-level details are the auditor's).
    expect(correction.sentence).toMatch(
      /mengoreksi data surat ini: perihal dari “Perihal sangat rahasia B” menjadi “Perihal yang dikoreksi” dengan alasan “Salah ketik”\.$/,
    );
    expect(correction.details).toBeNull();
    const noReason = await clerk
      .patch(`/api/incoming-letters/${bLetter.id}`)
      .send({ subject: 'x' });
    expect(noReason.status).toBe(400);
  });

  it('refuses corrections by another clerk, by pejabat and by an admin; R content stays with its readers', async () => {
    for (const username of ['agendaris2', 'karoumum', 'admin']) {
      const response = await (
        await as(username)
      )
        .patch(`/api/incoming-letters/${bLetter.id}`)
        .send({ subject: 'x', reason: 'y' });
      expect(response.status, username).toBe(403);
    }
    // The registering clerk may fix the register line of an R letter, not its content.
    const content = await clerk
      .patch(`/api/incoming-letters/${rLetter.id}`)
      .send({ subject: 'x', reason: 'y' });
    expect(content.status).toBe(403);
    expect(content.body.error.message).toMatch(/rahasia/);
    const line = await clerk
      .patch(`/api/incoming-letters/${rLetter.id}`)
      .send({ senderName: 'Kementerian Dalam Negeri', reason: 'Salah ketik' });
    expect(line.status).toBe(200);
    expect(line.body.senderName).toBe('Kementerian Dalam Negeri');
  });

  it('lets the registering clerk void with a reason; the letter stays, marked void, and cannot be voided twice', async () => {
    expect(
      (
        await (
          await as('agendaris2')
        )
          .post(`/api/incoming-letters/${srLetter.id}/void`)
          .send({ reason: 'x' })
      ).status,
    ).toBe(403);
    expect(
      (
        await (
          await as('admin')
        )
          .post(`/api/incoming-letters/${srLetter.id}/void`)
          .send({ reason: 'x' })
      ).status,
    ).toBe(403);
    const voided = await clerk
      .post(`/api/incoming-letters/${srLetter.id}/void`)
      .send({ reason: 'Surat salah alamat' });
    expect(voided.status).toBe(200);
    expect(voided.body.status).toBe('void');
    expect(voided.body.void.reason).toBe('Surat salah alamat');
    expect(
      (await clerk.post(`/api/incoming-letters/${srLetter.id}/void`).send({ reason: 'lagi' }))
        .status,
    ).toBe(403);
    const list = await clerk.get('/api/incoming-letters').query({ status: 'void' });
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(srLetter.id);
  });
});
