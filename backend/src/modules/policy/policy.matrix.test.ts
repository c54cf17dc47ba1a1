import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loginAs, type LoggedInAgent } from '../../../test/auth-helpers.ts';
import { archiveStartupTask } from '../archive/archive.startup.ts';
import { dispatchBody, dispositionTestContext, pos } from '../dispositions/test-support.ts';
import { letterData, postLetter, scanPdf } from '../letters/letters.fixtures.ts';
import { quickDraft } from '../outgoing/test-fixtures.ts';
import { findUnitByCode } from '../org/org.service.ts';
import { stopSearchIndex } from '../search/runtime.ts';

/**
 * The access policy driven through the real HTTP routes (docs/security.md, "The policy
 * table"): role × action × unit scope × security class × acting, on the seeded Setda
 * organisation. Expectations are written here by hand from the decisions in
 * docs/security.md, not computed from POLICY, so a change of a rule must change both.
 *
 * The letters: one of each class (B, T, R, SR) addressed to the Kepala Biro Umum
 * (karoumum, clearance R), registered by the desk (agendaris, clearance T). Who asks:
 *   admin      admin, no position
 *   agendaris  the desk, registering clerk (T)
 *   arsiparis  archivist (R)
 *   sekda      top of the addressee's reporting line (SR)
 *   asisten3   the addressee's superior (SR)
 *   karoumum   the addressee (R)
 *   kabagtu    below the addressee, in its unit, not (yet) disposed to (R)
 *   karohukum  a Kepala Biro elsewhere (R)
 *   karoperek  a Kepala Biro elsewhere, later Plh. Kepala Biro Umum (R)
 *   karoorg    a Kepala Biro beside the addressee, in tembusan (R)
 */
const ctx = await dispositionTestContext();
await archiveStartupTask(ctx.services);
afterAll(() => stopSearchIndex());

const CLASSES = ['B', 'T', 'R', 'SR'] as const;
type Class = (typeof CLASSES)[number];
const USERS = [
  'admin',
  'agendaris',
  'arsiparis',
  'sekda',
  'asisten3',
  'karoumum',
  'kabagtu',
  'karohukum',
  'karoperek',
  'karoorg',
] as const;
type User = (typeof USERS)[number];

const agents = {} as Record<User, LoggedInAgent>;
for (const user of USERS) agents[user] = await loginAs(ctx, user);

const WORD: Record<Class, string> = { B: 'zamrud', T: 'yakut', R: 'safir', SR: 'intan' };
const letters = {} as Record<Class, { id: string; fileId: string }>;
for (const securityClass of CLASSES) {
  const response = await postLetter(
    agents.agendaris,
    letterData({
      securityClass,
      subject: `Permohonan ${WORD[securityClass]} kelas ${securityClass}`,
      addresseePositionId: await pos('karoumum'),
      copyPositionIds: [await pos('karoorg')],
    }),
    [
      {
        body: await scanPdf(`Pindaian ${securityClass}`, 1),
        name: 's.pdf',
        type: 'application/pdf',
      },
    ],
  );
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  letters[securityClass] = { id: response.body.id, fileId: response.body.files[0].id };
}
const MISSING_FILE = '0123456789abcdef01234567';

/**
 * What one user gets of one letter, through every route that shows it:
 *   C = content (letter 200 unrestricted; file, content, page, OCR, word boxes 200; a search hit)
 *   M = metadata only (letter 200 "RAHASIA"; file routes 404; no search hit)
 *   N = nothing (letter 404; file routes 404; no search hit; not in the register list)
 * Every 404 must be the very answer a file that does not exist gets.
 */
async function accessOf(user: User, securityClass: Class): Promise<string> {
  const agent = agents[user];
  const { id, fileId } = letters[securityClass];
  const letter = await agent.get(`/api/incoming-letters/${id}`);
  const fileRoutes = [
    `/api/files/${fileId}`,
    `/api/files/${fileId}/content`,
    `/api/files/${fileId}/pages/1`,
    `/api/files/${fileId}/ocr`,
    `/api/files/${fileId}/words?q=pindaian`,
  ];
  const files = await Promise.all(fileRoutes.map((path) => agent.get(path)));
  const missing = await agent.get(`/api/files/${MISSING_FILE}`);
  // The stamped scan (cap agenda) is a file of the letter too.
  const stamped = await agent.get(`/api/incoming-letters/${id}/stamped.pdf`);
  // The journey and the disposition sheet show what was disposed: content.
  const journey = await agent.get(`/api/incoming-letters/${id}/journey`);
  const sheet = await agent.get(`/api/incoming-letters/${id}/disposition-sheet.pdf`);
  const history = await agent.get(`/api/incoming-letters/${id}/history`);
  const search = await agent.get('/api/search').query({ q: WORD[securityClass] });
  const list = await agent.get('/api/incoming-letters').query({ pageSize: 200 });
  const listed = (list.body.items ?? []).some((i: { id: string }) => i.id === id);
  const hit = (search.body.items ?? []).some((i: { letterId: string }) => i.letterId === id);
  const filesOpen = files.every((f) => f.status === 200);
  const filesHidden = files.every((f) => f.status === 404);
  if (filesHidden)
    for (const f of files) expect(f.body, `${user} ${securityClass}`).toEqual(missing.body);
  const others = {
    stamped: stamped.status,
    journey: journey.status,
    sheet: sheet.status,
    history: history.status,
  };
  if (letter.status === 404) {
    expect({ filesHidden, hit, listed, ...others }, `${user} ${securityClass}`).toEqual({
      filesHidden: true,
      hit: false,
      listed: false,
      stamped: 404,
      journey: 404,
      sheet: 404,
      history: 404,
    });
    expect(stamped.body).toEqual(letter.body);
    return 'N';
  }
  expect(letter.status).toBe(200);
  expect(listed, `${user} lists ${securityClass}`).toBe(true);
  if (letter.body.restricted) {
    expect(letter.body.subject).toBe('RAHASIA');
    expect(letter.body.files).toEqual([]);
    // The register line's holder knows the letter exists: the journey says why not (403).
    expect({ filesHidden, hit, ...others }, `${user} ${securityClass}`).toEqual({
      filesHidden: true,
      hit: false,
      stamped: 404,
      journey: 403,
      sheet: 403,
      history: 200,
    });
    return 'M';
  }
  expect(letter.body.subject).toContain(WORD[securityClass]);
  expect({ filesOpen, hit, ...others }, `${user} ${securityClass}`).toEqual({
    filesOpen: true,
    hit: true,
    stamped: 200,
    journey: 200,
    sheet: 200,
    history: 200,
  });
  return 'C';
}

async function rowOf(user: User): Promise<string> {
  let row = '';
  for (const securityClass of CLASSES) row += await accessOf(user, securityClass);
  return row;
}

describe('letter.view and letter.view_content: letter, files, pages, OCR, search, register', () => {
  //  B T R SR
  const EXPECTED: Record<User, string> = {
    admin: 'NNNN', // the system's owner does not read the secretariat's mail
    agendaris: 'CCMM', // the desk: every register line, content up to Terbatas
    arsiparis: 'CCCM', // every letter, content up to their clearance (R)
    sekda: 'CCCC', // top of the addressee's reporting line
    asisten3: 'CCCC', // the addressee's superior
    karoumum: 'CCCM', // the addressee, content up to their clearance (R)
    kabagtu: 'NNNN', // below the addressee: nothing until disposed to
    karohukum: 'NNNN', // elsewhere
    karoperek: 'NNNN', // elsewhere (not yet acting)
    karoorg: 'CCCM', // tembusan: reads within clearance (R)
  };
  for (const user of USERS) {
    it(`${user}: ${EXPECTED[user]}`, async () => {
      expect(await rowOf(user)).toBe(EXPECTED[user]);
    });
  }
});

const nodes: Record<string, string> = {};
/** POST a disposition of the letter to `to` as `user`; the status (the node is kept). */
async function dispose(user: User, securityClass: Class, to: string): Promise<number> {
  const response = await agents[user]
    .post(`/api/incoming-letters/${letters[securityClass].id}/dispositions`)
    .send(await dispatchBody([{ key: to }]));
  if (response.status === 403) expect(response.body.error.message).toMatch(/[a-z]{4,}/);
  if (response.status === 201) nodes[`${securityClass}:${to}`] = response.body.items[0].id;
  return response.status;
}

describe('letter.dispose: only the addressee (or its Plt/Plh), within clearance', () => {
  it('refuses everyone else: 404 to who may not see the letter, 403 to who may', async () => {
    //  B T R SR
    const EXPECTED: Partial<Record<User, string>> = {
      admin: '404 404 404 404',
      agendaris: '403 403 403 403',
      arsiparis: '403 403 403 403',
      sekda: '403 403 403 403',
      asisten3: '403 403 403 403',
      kabagtu: '404 404 404 404',
      karohukum: '404 404 404 404',
      karoperek: '404 404 404 404',
    };
    for (const [user, expected] of Object.entries(EXPECTED)) {
      const row: number[] = [];
      for (const securityClass of CLASSES)
        row.push(await dispose(user as User, securityClass, 'kabagtu'));
      expect(row.join(' '), user).toBe(expected);
    }
    // The addressee, above their clearance.
    expect(await dispose('karoumum', 'SR', 'kabagtu')).toBe(403);
    // Tembusan read, they never dispose; told why.
    const copy = await agents.karoorg
      .post(`/api/incoming-letters/${letters.B.id}/dispositions`)
      .send(await dispatchBody([{ key: 'kabaganjab' }]));
    expect(copy.status).toBe(403);
    expect(copy.body.error.message).toMatch(/tembusan/i);
  });

  it('lets the addressee dispose within clearance; the recipient then reads the letter', async () => {
    expect(await dispose('karoumum', 'B', 'kabagtu')).toBe(201);
    expect(await dispose('karoumum', 'T', 'kabagtu')).toBe(201);
    expect(await rowOf('kabagtu')).toBe('CCNN');
  });

  it('refuses a disposition back up its own chain or upward with 403 and a reason', async () => {
    const nodeId = nodes['B:kabagtu'];
    expect(nodeId).toBeTruthy();
    for (const to of ['karoumum', 'sekda']) {
      const back = await agents.kabagtu
        .post(`/api/dispositions/${nodeId}/forward`)
        .send(await dispatchBody([{ key: to }]));
      expect(back.status, to).toBe(403);
      expect(back.body.error.code).toBe('FORBIDDEN');
      expect(back.body.error.message).toMatch(/tidak dapat/);
    }
  });
});

describe("the chain grows with each disposition, with the recipients' superiors", () => {
  it('opens a letter the Sekda disposes straight to a Kepala Bagian to the Biro and Asisten above', async () => {
    const posted = await postLetter(
      agents.agendaris,
      letterData({ subject: 'Permohonan lompat jenjang', addresseePositionId: await pos('sekda') }),
      [{ body: await scanPdf('Lompat', 1), name: 'l.pdf', type: 'application/pdf' }],
    );
    expect(posted.status).toBe(201);
    const open = async (user: User) =>
      (await agents[user].get(`/api/incoming-letters/${posted.body.id}`)).status;
    expect([await open('karoumum'), await open('asisten3'), await open('kabagtu')]).toEqual([
      404, 404, 404,
    ]);
    const sent = await agents.sekda
      .post(`/api/incoming-letters/${posted.body.id}/dispositions`)
      .send(await dispatchBody([{ key: 'kabagtu' }]));
    expect(sent.status).toBe(201);
    expect([await open('karoumum'), await open('asisten3'), await open('kabagtu')]).toEqual([
      200, 200, 200,
    ]);
    expect(await open('karohukum')).toBe(404);
  });
});

describe('acting: a Plh stands in the position for its dates', () => {
  it('gives the Plh the addressee row while the assignment runs, nothing before', async () => {
    expect(await rowOf('karoperek')).toBe('NNNN');
    const user = agents.karoperek.user;
    const created = await agents.admin.post('/api/admin/assignments').send({
      userId: user.id,
      positionId: await pos('karoumum'),
      kind: 'plh',
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(await rowOf('karoperek')).toBe('CCCM');
    expect(await dispose('karoperek', 'SR', 'kabagtu')).toBe(403);
    expect(await dispose('karoperek', 'R', 'kabagtu')).toBe(201);
    expect(await rowOf('kabagtu')).toBe('CCCN');
  });
});

describe('monitoring.view and monitoring.subject', () => {
  it('shows heads their subtree with subjects within clearance, the admin the workflow only', async () => {
    const head = await agents.karoumum.get('/api/monitoring');
    expect(head.status).toBe(200);
    const seen = JSON.stringify(head.body);
    for (const c of ['B', 'T', 'R'] as const) expect(seen, c).toContain(WORD[c]);
    const admin = await agents.admin.get('/api/monitoring');
    expect(admin.status).toBe(200);
    const shown = JSON.stringify(admin.body);
    expect(shown).toContain('RAHASIA');
    for (const c of CLASSES) expect(shown, c).not.toContain(WORD[c]);
    expect((await agents.agendaris.get('/api/monitoring')).status).toBe(403);
    expect((await agents.arsiparis.get('/api/monitoring')).status).toBe(403);
  });
});

describe('letter.register and letter.correct', () => {
  it('lets only the desk register (and check for duplicates)', async () => {
    const row: string[] = [];
    for (const user of ['admin', 'agendaris', 'arsiparis', 'sekda'] as const) {
      const posted = await postLetter(agents[user], letterData(), [
        { body: await scanPdf(`daftar ${user}`, 1), name: 'd.pdf', type: 'application/pdf' },
      ]);
      const check = await agents[user]
        .post('/api/incoming-letters/check-duplicates')
        .send({ senderName: 'Dinas X', letterNumber: '1/2/3' });
      row.push(`${user}:${posted.status}/${check.status}`);
    }
    expect(row.join(' ')).toBe('admin:403/403 agendaris:201/200 arsiparis:403/403 sekda:403/403');
  });

  it('lets the registering clerk correct the register line of any class, content only where they read it', async () => {
    const correct = (user: User, c: Class, body: Record<string, unknown>) =>
      agents[user]
        .patch(`/api/incoming-letters/${letters[c].id}`)
        .send({ ...body, reason: 'Salah ketik' })
        .then((r) => r.status);
    expect(await correct('agendaris', 'SR', { senderName: 'Kementerian Dalam Negeri' })).toBe(200);
    expect(await correct('agendaris', 'SR', { subject: 'Perihal baru' })).toBe(403);
    expect(await correct('agendaris', 'T', { subject: 'Permohonan yakut kelas T (koreksi)' })).toBe(
      200,
    );
    for (const user of ['admin', 'arsiparis', 'karoumum'] as const)
      expect(await correct(user, 'B', { senderName: 'X' }), user).toBe(403);
  });
});

describe('outgoing.dispatch and outgoing.view_register', () => {
  it('lets only the desk dispatch a signed letter; the drafter and the signer may not', async () => {
    const staftu = await loginAs(ctx, 'staftu');
    const draft = await staftu.post('/api/outgoing-letters').send(await quickDraft());
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const id = draft.body.id as string;
    expect((await staftu.post(`/api/outgoing-letters/${id}/submit`).send({})).status).toBe(200);
    expect(
      (
        await agents.asisten3
          .post(`/api/outgoing-letters/${id}/sign`)
          .send({ password: DEMO_PASSWORD })
      ).status,
    ).toBe(200);
    const register = await agents.agendaris.get('/api/outgoing-letters/register');
    expect(register.body.items.map((i: { id: string }) => i.id)).toContain(id);
    const adminRegister = await agents.admin.get('/api/outgoing-letters/register');
    expect((adminRegister.body.items ?? []).map((i: { id: string }) => i.id)).not.toContain(id);
    const body = { external: [{ recipientIndex: 0, method: 'kurir', proof: 'Tanda terima' }] };
    const row: string[] = [];
    for (const [name, agent] of [
      ['admin', agents.admin],
      ['karohukum', agents.karohukum],
      ['staftu', staftu],
      ['asisten3', agents.asisten3],
    ] as const)
      row.push(
        `${name}:${(await agent.post(`/api/outgoing-letters/${id}/dispatch`).send(body)).status}`,
      );
    expect(row.join(' ')).toBe('admin:403 karohukum:404 staftu:403 asisten3:403');
    // An R letter: the desk (cleared T) does not see it in the register, so cannot dispatch
    // it (404); the archivist (cleared R) sees it but does not dispatch (403).
    const kabagtu = agents.kabagtu;
    const secret = await kabagtu
      .post('/api/outgoing-letters')
      .send(await quickDraft({ securityClass: 'R' }));
    expect(secret.status, JSON.stringify(secret.body)).toBe(201);
    await kabagtu.post(`/api/outgoing-letters/${secret.body.id}/submit`).send({});
    const signed = await agents.asisten3
      .post(`/api/outgoing-letters/${secret.body.id}/sign`)
      .send({ password: DEMO_PASSWORD });
    expect(signed.status).toBe(200);
    const dispatchR = async (agent: LoggedInAgent) =>
      (await agent.post(`/api/outgoing-letters/${secret.body.id}/dispatch`).send(body)).status;
    expect(await dispatchR(agents.agendaris)).toBe(404);
    expect((await agents.arsiparis.get(`/api/outgoing-letters/${secret.body.id}`)).status).toBe(
      200,
    );
    expect(await dispatchR(agents.arsiparis)).toBe(403);
    expect(
      (await agents.agendaris.post(`/api/outgoing-letters/${id}/dispatch`).send(body)).status,
    ).toBe(200);
  });
});

describe('berkas.view, berkas.edit: archivists everywhere, pejabat in their unit and below', () => {
  it('creates and opens berkas by unit scope and class', async () => {
    const biroUmum = String((await findUnitByCode('B.UM'))!._id);
    const tataUsaha = String((await findUnitByCode('B.UM.1'))!._id);
    const create = (user: User, unitId: string, securityClass: Class) =>
      agents[user]
        .post('/api/archive/berkas')
        .send({ unitId, classificationCode: '400.7', title: `Berkas ${user}`, securityClass })
        .then((r) => r.status);
    const row: string[] = [];
    for (const user of [
      'admin',
      'agendaris',
      'arsiparis',
      'karoumum',
      'kabagtu',
      'karohukum',
    ] as const)
      row.push(`${user}:${await create(user, biroUmum, 'R')}`);
    // kabagtu holds a position in Tata Usaha, below Biro Umum: not the Biro's own berkas.
    expect(row.join(' ')).toBe(
      'admin:403 agendaris:403 arsiparis:201 karoumum:201 kabagtu:403 karohukum:403',
    );
    expect(await create('karoumum', biroUmum, 'SR')).toBe(403); // above their clearance
    const made = await agents.arsiparis
      .post('/api/archive/berkas')
      .send({ unitId: tataUsaha, classificationCode: '400.7', title: 'Berkas Tata Usaha' });
    expect(made.status).toBe(201);
    const opened: string[] = [];
    for (const user of [
      'admin',
      'agendaris',
      'arsiparis',
      'karoumum',
      'kabagtu',
      'karohukum',
    ] as const)
      opened.push(
        `${user}:${(await agents[user].get(`/api/archive/berkas/${made.body.id}`)).status}`,
      );
    expect(opened.join(' ')).toBe(
      'admin:403 agendaris:403 arsiparis:200 karoumum:200 kabagtu:200 karohukum:403',
    );
  });
});

describe('actions without a record: org.manage, audit.browse, token.manage, archive.manage', () => {
  it('answers each route by role', async () => {
    const who = ['admin', 'agendaris', 'arsiparis', 'karoumum'] as const;
    const routes: Array<[string, string, (agent: LoggedInAgent) => Promise<{ status: number }>]> = [
      [
        'org.manage',
        'admin:200 agendaris:403 arsiparis:403 karoumum:403',
        (a) => a.get('/api/admin/users'),
      ],
      [
        'audit.browse',
        'admin:200 agendaris:403 arsiparis:403 karoumum:403',
        (a) => a.get('/api/admin/audit'),
      ],
      // Another user's tokens: only the admin; one's own: everyone.
      [
        'token.manage (other)',
        'admin:200 agendaris:403 arsiparis:403 karoumum:403',
        (a) => a.get('/api/auth/tokens').query({ userId: agents.sekda.user.id }),
      ],
      [
        'token.manage (own)',
        'admin:200 agendaris:200 arsiparis:200 karoumum:200',
        (a) => a.get('/api/auth/tokens'),
      ],
      [
        'archive.manage',
        'admin:403 agendaris:403 arsiparis:200 karoumum:403',
        (a) => a.get('/api/archive/loans'),
      ],
      [
        'archive.manage (import)',
        'admin:403 agendaris:403 arsiparis:200 karoumum:403',
        (a) => a.get('/api/imports'),
      ],
      [
        'archive.settings',
        'admin:200 agendaris:403 arsiparis:200 karoumum:403',
        (a) => a.get('/api/archive/approver-positions'),
      ],
    ];
    for (const [action, expected, call] of routes) {
      const row: string[] = [];
      for (const user of who) row.push(`${user}:${(await call(agents[user])).status}`);
      expect(row.join(' '), action).toBe(expected);
    }
  });
});
