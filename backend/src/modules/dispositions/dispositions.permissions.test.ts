import { describe, expect, it } from 'vitest';
import { now } from '../../lib/clock.ts';
import { AssignmentModel } from '../org/org.model.ts';
import { findUnitByCode, findUserByUsername } from '../org/org.service.ts';
import {
  dispatchBody,
  disposeAs,
  dispositionTestContext,
  forwardAs,
  loginAs,
  pos,
  registerLetter,
  reportAs,
} from './test-support.ts';

const ctx = await dispositionTestContext();
const as = (username: string) => loginAs(ctx, username);
const sekda = await as('sekda');
const asisten1 = await as('asisten1');
const asisten2 = await as('asisten2');
const asisten3 = await as('asisten3');
const karoumum = await as('karoumum');
const kabagtu = await as('kabagtu');
const agendaris = await as('agendaris');
const admin = await as('admin');

async function actAs(username: string, positionKey: string, kind: 'plt' | 'plh') {
  const user = await findUserByUsername(username);
  const day = 86_400_000;
  await AssignmentModel.create({
    userId: user!._id,
    positionId: await pos(positionKey),
    acting: true,
    actingKind: kind,
    startsAt: new Date(now().getTime() - day),
    endsAt: new Date(now().getTime() + 7 * day),
  });
  return as(username);
}

describe('who may dispose a letter', () => {
  it('is the addressee; tembusan, the letter desk, admins and others are refused', async () => {
    const letterId = await registerLetter(ctx, { copyPositionIds: [await pos('asisten2')] });
    const body = await dispatchBody([{ key: 'asisten3' }]);
    const tembusan = await asisten2
      .post(`/api/incoming-letters/${letterId}/dispositions`)
      .send(body);
    expect(tembusan.status).toBe(403);
    expect(tembusan.body.error.message).toMatch(/tembusan/i);
    // Tembusan reads the letter and its journey, read-only.
    expect((await asisten2.get(`/api/incoming-letters/${letterId}/journey`)).status).toBe(200);
    expect(
      (await agendaris.post(`/api/incoming-letters/${letterId}/dispositions`).send(body)).status,
    ).toBe(403);
    // An admin sees no letter (docs/security.md, "Decisions"): it does not exist for them.
    expect(
      (await admin.post(`/api/incoming-letters/${letterId}/dispositions`).send(body)).status,
    ).toBe(404);
    // Outside the letter's chain the letter does not exist.
    expect(
      (await asisten3.post(`/api/incoming-letters/${letterId}/dispositions`).send(body)).status,
    ).toBe(404);
    expect(
      (await sekda.post(`/api/incoming-letters/${letterId}/dispositions`).send(body)).status,
    ).toBe(201);
  });

  it('includes the acting official (Plh), whose disposition is signed "Plh."', async () => {
    const letterId = await registerLetter(ctx);
    const plh = await actAs('asisten2', 'sekda', 'plh');
    const response = await plh
      .post(`/api/incoming-letters/${letterId}/dispositions`)
      .send(await dispatchBody([{ key: 'asisten3' }]));
    expect(response.status).toBe(201);
    expect(response.body.items[0].from).toMatchObject({
      positionId: await pos('sekda'),
      acting: 'plh',
      signedTitle: 'Plh. Sekretaris Daerah',
      userName: plh.user.name,
    });
    // The acting official's inbox of the acting position is theirs too.
    const inbox = await plh
      .get('/api/dispositions/inbox')
      .query({ positionId: await pos('sekda'), status: 'sent' });
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.some((i: { letterId: string }) => i.letterId === letterId)).toBe(true);
  });
});

describe('to whom', () => {
  it('goes to any position below, however deep, and nowhere else by default', async () => {
    const letterId = await registerLetter(ctx);
    const deep = await disposeAs(sekda, letterId, [
      { key: 'asisten3' },
      { key: 'kabagtu', role: 'coordinate' },
    ]);
    expect(deep.kabagtu).toBeDefined();
    const lateral = await asisten3
      .post(`/api/dispositions/${deep.asisten3!.id}/forward`)
      .send(await dispatchBody([{ key: 'karohukum' }]));
    expect(lateral.status).toBe(403);
    expect(lateral.body.error.message).toMatch(/Kepala Biro Hukum/);
    const peer = await asisten3
      .post(`/api/dispositions/${deep.asisten3!.id}/forward`)
      .send(await dispatchBody([{ key: 'asisten1' }]));
    expect(peer.status).toBe(403);
  });

  it('widens per unit when an admin says so (a lateral "koordinasikan")', async () => {
    const letterId = await registerLetter(ctx);
    const { asisten3: top } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    const { karoumum: node } = await forwardAs(asisten3, top!.id, [{ key: 'karoumum' }]);
    const karohukumId = await pos('karohukum');
    const kabagtuId = await pos('kabagtu');
    const refused = await karoumum
      .post(`/api/dispositions/${node!.id}/forward`)
      .send(await dispatchBody([{ key: 'kabagtu' }, { key: 'karohukum', role: 'coordinate' }]));
    expect(refused.status).toBe(403);

    const unitId = async (code: string) => String((await findUnitByCode(code))!._id);
    const bum = await unitId('B.UM');
    const bhuk = await unitId('B.HUK');
    expect(
      (await karoumum.put(`/api/disposition-routing-rules/${bum}`).send({ targetUnitIds: [bhuk] }))
        .status,
    ).toBe(403);
    const rule = await admin
      .put(`/api/disposition-routing-rules/${bum}`)
      .send({ targetUnitIds: [bhuk], note: 'Koordinasi aset dan hukum' });
    expect(rule.status).toBe(200);
    expect(rule.body.rule).toMatchObject({ unitId: bum, targetUnitIds: [bhuk] });
    const candidates = (
      await karoumum
        .get('/api/dispositions/recipients')
        .query({ positionId: await pos('karoumum') })
    ).body.items as Array<{ positionId: string; widened: boolean; direct: boolean }>;
    expect(candidates.find((c) => c.positionId === karohukumId)).toMatchObject({ widened: true });
    expect(candidates.find((c) => c.positionId === kabagtuId)).toMatchObject({
      widened: false,
      direct: true,
    });
    const allowed = await karoumum
      .post(`/api/dispositions/${node!.id}/forward`)
      .send(await dispatchBody([{ key: 'kabagtu' }, { key: 'karohukum', role: 'coordinate' }]));
    expect(allowed.status).toBe(201);
    // The Kepala Biro Hukum, now in the letter's chain, finds it in the inbox.
    const karohukum = await as('karohukum');
    const inbox = await karohukum.get('/api/dispositions/inbox').query({ status: 'unread' });
    expect(inbox.body.items.some((i: { letterId: string }) => i.letterId === letterId)).toBe(true);
    await admin.put(`/api/disposition-routing-rules/${unitId('B.UM')}`).send({ targetUnitIds: [] });
  });

  it('keeps R and SR letters with officials cleared for them', async () => {
    const secret = await registerLetter(ctx, { securityClass: 'SR' });
    const { asisten3: top } = await disposeAs(sekda, secret, [{ key: 'asisten3' }]);
    const toKaro = await asisten3
      .post(`/api/dispositions/${top!.id}/forward`)
      .send(await dispatchBody([{ key: 'karoumum' }]));
    expect(toKaro.status).toBe(403);
    expect(toKaro.body.error.message).toMatch(/tidak berwenang/);

    const restricted = await registerLetter(ctx, { securityClass: 'R' });
    const r1 = await disposeAs(sekda, restricted, [{ key: 'asisten3' }]);
    const r2 = await forwardAs(asisten3, r1.asisten3!.id, [{ key: 'karoumum' }]);
    const r3 = await forwardAs(karoumum, r2.karoumum!.id, [{ key: 'kabagtu' }]);
    const toStaff = await kabagtu
      .post(`/api/dispositions/${r3.kabagtu!.id}/forward`)
      .send(await dispatchBody([{ key: 'staftu-1' }]));
    expect(toStaff.status).toBe(403);
    // The archivist (cleared for R) sees the R journey; the SR one is beyond their clearance.
    const arsiparis = await as('arsiparis');
    expect((await arsiparis.get(`/api/incoming-letters/${restricted}/journey`)).status).toBe(200);
    expect((await arsiparis.get(`/api/incoming-letters/${secret}/journey`)).status).toBe(403);
    expect(
      (await arsiparis.get(`/api/incoming-letters/${secret}/disposition-sheet.pdf`)).status,
    ).toBe(403);
  });
});

describe('acting on a node', () => {
  it('belongs to the recipient; the sender may only cancel; bystanders may look but not touch', async () => {
    const letterId = await registerLetter(ctx);
    const nodes = await disposeAs(sekda, letterId, [
      { key: 'asisten3' },
      { key: 'asisten1', role: 'coordinate' },
    ]);
    const id = nodes.asisten3!.id;
    const body = await dispatchBody([{ key: 'karoumum' }]);
    type Call = () => Promise<{ status: number }>;
    const actions: Record<string, (agent: typeof sekda) => Call> = {
      forward: (a) => () => a.post(`/api/dispositions/${id}/forward`).send(body),
      report: (a) => () => reportAs(a, id, { text: 'Laporan uji hak akses.' }),
      complete: (a) => () => a.post(`/api/dispositions/${id}/complete`),
      return: (a) => () =>
        a.post(`/api/dispositions/${id}/return`).send({ reason: 'Uji hak akses.' }),
    };
    // Sender, the coordinating sibling, the letter desk: 403. Outside the chain, and the
    // admin (who sees no letter): 404.
    for (const [name, agent, status] of [
      ['sekda', sekda, 403],
      ['asisten1', asisten1, 403],
      ['agendaris', agendaris, 403],
      ['kabagtu', kabagtu, 404],
      ['admin', admin, 404],
    ] as const) {
      for (const [action, call] of Object.entries(actions)) {
        const response = await call(agent)();
        expect(response.status, `${name} ${action}`).toBe(status);
      }
    }
    expect((await asisten1.get(`/api/dispositions/${id}`)).status).toBe(200);
    expect((await kabagtu.get(`/api/dispositions/${id}`)).status).toBe(404);
    expect((await asisten3.post(`/api/dispositions/${id}/cancel`)).status).toBe(403);
    expect((await asisten1.post(`/api/dispositions/${id}/cancel`)).status).toBe(403);
    // Nothing of the above changed the node.
    const after = await sekda.get(`/api/dispositions/${id}`);
    expect(after.body.disposition).toMatchObject({ status: 'terkirim', version: 0 });
    // The recipient can.
    expect((await actions.report!(asisten3)()).status).toBe(201);
  });

  it('lets a Plt act on the node of the position they stand in for', async () => {
    const letterId = await registerLetter(ctx);
    const { asisten3: top } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    const { karoumum: node } = await forwardAs(asisten3, top!.id, [{ key: 'karoumum' }]);
    const plt = await actAs('karoorg', 'karoumum', 'plt');
    const report = await reportAs(plt, node!.id, { text: 'Ditindaklanjuti oleh Plt.' });
    expect(report.status).toBe(201);
    expect(report.body.report.author).toMatchObject({
      signedTitle: 'Plt. Kepala Biro Umum',
      acting: 'plt',
    });
    const done = await plt.post(`/api/dispositions/${node!.id}/complete`);
    expect(done.body.disposition.closedBy).toMatchObject({
      acting: 'plt',
      userName: plt.user.name,
    });
  });
});

describe('inbox', () => {
  it('is only for positions the user holds', async () => {
    const refused = await asisten3
      .get('/api/dispositions/inbox')
      .query({ positionId: await pos('sekda') });
    expect(refused.status).toBe(403);
    expect((await agendaris.get('/api/dispositions/inbox')).status).toBe(200);
    expect((await admin.get('/api/dispositions/inbox')).status).toBe(403);
  });
});
