import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loginAs, type LoggedInAgent } from '../../../test/auth-helpers.ts';
import { archiveStartupTask } from '../archive/archive.startup.ts';
import { today as archiveToday } from '../archive/dates.ts';
import { dispatchBody, dispositionTestContext, pos } from '../dispositions/test-support.ts';
import { letterData, postLetter, scanPdf } from '../letters/letters.fixtures.ts';
import { quickDraft } from '../outgoing/test-fixtures.ts';
import { findUnitByCode } from '../org/org.service.ts';
import { OcrPageModel } from '../ocr/ocr-page.model.ts';
import { stopSearchIndex } from '../search/runtime.ts';
import { stopPrefillPool } from '../ocr/prefill.service.ts';
import { now, shiftClock } from '../../lib/clock.ts';
import { makeArchivist, registerLetters, YEAR_MS } from '../archive/test-fixtures.ts';

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
// The warm-up cell starts the prefill's tesseract worker.
afterAll(() => stopPrefillPool());

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

/** The cells below name more users than the letter rows: the drafter (staftu) and an
 * archivist cleared only for Biasa (arsipb). Logged in once, when first named. */
await makeArchivist('arsipb', 'B');
const extra: Record<string, LoggedInAgent> = {};
async function agentOf(name: string): Promise<LoggedInAgent> {
  if ((USERS as readonly string[]).includes(name)) return agents[name as User];
  return (extra[name] ??= await loginAs(ctx, name));
}

/**
 * The table-driven runner for every route cell: a cell names an action, the answer each user
 * gets ("admin:403 agendaris:201 …", in calling order, so a cell whose success changes the
 * record lists the succeeding user last) and the call. All rows of a group are compared at
 * once, so one failure shows the whole group.
 */
type Call = (agent: LoggedInAgent, name: string) => Promise<{ status: number }>;
interface Cell {
  action: string;
  expected: string;
  call: Call;
}
async function expectCells(
  cells: Cell[],
  login: (name: string) => Promise<LoggedInAgent> = agentOf,
): Promise<void> {
  const actual: Record<string, string> = {};
  const wanted: Record<string, string> = {};
  for (const cell of cells) {
    const row: string[] = [];
    for (const name of cell.expected.split(' ').map((entry) => entry.split(':')[0]!))
      row.push(`${name}:${(await cell.call(await login(name), name)).status}`);
    actual[cell.action] = row.join(' ');
    wanted[cell.action] = cell.expected;
  }
  expect(actual).toEqual(wanted);
}

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
    const disposeCell =
      (securityClass: Class): Call =>
      async (_a, name) => ({ status: await dispose(name as User, securityClass, 'kabagtu') });
    await expectCells([
      ...CLASSES.map((c) => ({
        action: `letter.dispose (${c}, not the addressee)`,
        expected:
          'admin:404 agendaris:403 arsiparis:403 sekda:403 asisten3:403 ' +
          'kabagtu:404 karohukum:404 karoperek:404',
        call: disposeCell(c),
      })),
      // The addressee, above their clearance.
      {
        action: 'letter.dispose (SR, addressee)',
        expected: 'karoumum:403',
        call: disposeCell('SR'),
      },
    ]);
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
    await expectCells([
      {
        action: 'monitoring.view',
        expected: 'agendaris:403 arsiparis:403 admin:200 karoumum:200',
        call: (a) => a.get('/api/monitoring'),
      },
    ]);
  });
});

describe('report.period: heads of units over their subtree, the admin everything', () => {
  it('answers the monthly and yearly reports by unit scope', async () => {
    const asisten1 = String((await findUnitByCode('ASS.I'))!._id);
    const month = { year: 2026, month: 11 };
    await expectCells([
      {
        action: 'report.period',
        expected: 'agendaris:403 arsiparis:403 staftu:403 admin:200 sekda:200 karoumum:200',
        call: (a) => a.get('/api/reports/monthly').query(month),
      },
      {
        action: 'report.period (a unit outside the subtree)',
        expected: 'karoumum:403 sekda:200 admin:200',
        call: (a) => a.get('/api/reports/monthly').query({ ...month, unitId: asisten1 }),
      },
      {
        action: 'report.period (yearly XLSX)',
        expected: 'agendaris:403 karoumum:200',
        call: (a) => a.get('/api/reports/yearly.xlsx').query({ year: 2026 }),
      },
    ]);
  });
});

describe('letter.register and letter.correct', () => {
  it('lets only the desk register (and check for duplicates)', async () => {
    await expectCells([
      {
        action: 'letter.register',
        expected: 'admin:403 arsiparis:403 sekda:403 agendaris:201',
        call: async (a, name) =>
          postLetter(a, letterData(), [
            { body: await scanPdf(`daftar ${name}`, 1), name: 'd.pdf', type: 'application/pdf' },
          ]),
      },
      {
        action: 'letter.register (duplicate check)',
        expected: 'admin:403 arsiparis:403 sekda:403 agendaris:200',
        call: (a) =>
          a
            .post('/api/incoming-letters/check-duplicates')
            .send({ senderName: 'Dinas X', letterNumber: '1/2/3' }),
      },
      {
        action: 'letter.register (classification suggestion)',
        expected: 'admin:403 arsiparis:403 sekda:403 agendaris:200',
        call: (a) =>
          a.get('/api/classification-suggestions').query({ subject: 'Undangan rapat keuangan' }),
      },
      {
        action: 'letter.register (prefill warm-up)',
        expected: 'admin:403 arsiparis:403 sekda:403 agendaris:204',
        call: (a) => a.post('/api/ocr/prefill/warm'),
      },
    ]);
  });

  it('lets the registering clerk correct the register line of any class, content only where they read it', async () => {
    const correct =
      (c: Class, body: Record<string, unknown>): Call =>
      (a) =>
        a.patch(`/api/incoming-letters/${letters[c].id}`).send({ ...body, reason: 'Salah ketik' });
    await expectCells([
      {
        action: 'letter.correct (register line, SR)',
        expected: 'agendaris:200',
        call: correct('SR', { senderName: 'Kementerian Dalam Negeri' }),
      },
      {
        action: 'letter.correct (content, SR: above clearance)',
        expected: 'agendaris:403',
        call: correct('SR', { subject: 'Perihal baru' }),
      },
      {
        action: 'letter.correct (content, T)',
        expected: 'agendaris:200',
        call: correct('T', { subject: 'Permohonan yakut kelas T (koreksi)' }),
      },
      {
        action: 'letter.correct (not the registering clerk)',
        expected: 'admin:403 arsiparis:403 karoumum:403',
        call: correct('B', { senderName: 'X' }),
      },
    ]);
  });
});

/**
 * Outgoing letters, through their whole life: draft, edit, submit, paraf, signature,
 * dispatch. The draft: staftu (Tata Usaha, cleared B) writes; kabagtu then the Kepala Biro
 * Umum paraf; asisten3 signs a.n. the Sekda. karoperek is Plh. Kepala Biro Umum here (the
 * acting block above made the assignment).
 */
describe('outgoing: draft, edit, paraf, sign, dispatch (role × class × acting)', () => {
  it('answers each step by role, scope, class and acting', async () => {
    const verifiers = [await pos('kabagtu'), await pos('karoumum')];
    const made: Record<string, string> = {};
    const create =
      (overrides: Record<string, unknown>, tag: string): Call =>
      async (a, name) => {
        const r = await a.post('/api/outgoing-letters').send(await quickDraft(overrides));
        if (r.status === 201) made[`${tag}:${name}`] = r.body.id;
        return r;
      };
    const letter = (key: string) => `/api/outgoing-letters/${made[key]}`;
    const paraf: Call = (a) =>
      a.post(`${letter('B:staftu')}/review`).send({ decision: 'approve', password: DEMO_PASSWORD });
    const sign =
      (key: string): Call =>
      (a) =>
        a.post(`${letter(key)}/sign`).send({ passphrase: DEMO_PASSWORD });
    const external = { external: [{ recipientIndex: 0, method: 'kurir', proof: 'Tanda terima' }] };
    const dispatch =
      (key: string): Call =>
      (a) =>
        a.post(`${letter(key)}/dispatch`).send(external);
    const submit = async (user: string, key: string) =>
      expect((await (await agentOf(user)).post(`${letter(key)}/submit`).send({})).status).toBe(200);

    await expectCells([
      {
        action: 'outgoing.draft (create, B)',
        expected: 'admin:403 arsiparis:403 agendaris:201 staftu:201',
        call: create({ verifierPositionIds: verifiers }, 'B'),
      },
      {
        action: 'outgoing.draft (create, SR: clearance)',
        expected: 'staftu:403 kabagtu:403 asisten3:201',
        call: create({ securityClass: 'SR', verifierPositionIds: [await pos('karoumum')] }, 'SR'),
      },
      {
        action: 'outgoing.draft (create as Kepala Biro Umum: only its holder or Plh)',
        expected: 'karohukum:403 karoperek:201',
        call: create({ positionId: await pos('karoumum') }, 'plh'),
      },
      {
        action: 'outgoing.draft (create R, signed by an official cleared below SR)',
        expected: 'kabagtu:201',
        call: create(
          { securityClass: 'R', signer: { positionId: await pos('karoumum') } },
          'R-karoumum',
        ),
      },
      {
        action: 'outgoing.draft (body template)',
        expected: 'admin:403 arsiparis:403 agendaris:200 staftu:200',
        call: (a) => a.post('/api/outgoing-letters/body-template').send({ kind: 'surat_undangan' }),
      },
      {
        action: 'outgoing.draft (edit: the drafter only; who may not see it gets 404)',
        expected: 'admin:403 arsiparis:403 agendaris:404 karohukum:404 kabagtu:403 staftu:200',
        call: (a) => a.patch(letter('B:staftu')).send({ subject: 'Jadwal Pembinaan Kearsipan' }),
      },
    ]);
    await submit('staftu', 'B:staftu');
    await submit('asisten3', 'SR:asisten3');
    await expectCells([
      {
        action: 'outgoing.sign (paraf, first verifier)',
        expected: 'admin:403 agendaris:403 karohukum:404 karoumum:403 kabagtu:200',
        call: paraf,
      },
      {
        action: 'outgoing.sign (paraf, second verifier: its Plh)',
        expected: 'kabagtu:403 karoperek:200',
        call: paraf,
      },
      {
        action: 'outgoing.sign (paraf of an SR draft above the verifier’s clearance)',
        expected: 'karoumum:403',
        call: (a) =>
          a
            .post(`${letter('SR:asisten3')}/review`)
            .send({ decision: 'approve', password: DEMO_PASSWORD }),
      },
      {
        action: 'outgoing.sign (signature)',
        expected: 'admin:403 agendaris:403 karohukum:404 kabagtu:403 asisten3:200',
        call: sign('B:staftu'),
      },
    ]);
    // An SR letter to be signed by the Kepala Biro Umum (cleared R): the draft is written by
    // the Asisten; the signer holds the position but not the clearance.
    const srSigned = await (
      await agentOf('asisten3')
    )
      .post('/api/outgoing-letters')
      .send(
        await quickDraft({ securityClass: 'SR', signer: { positionId: await pos('karoumum') } }),
      );
    expect(srSigned.status, JSON.stringify(srSigned.body)).toBe(201);
    made['SR-karoumum'] = srSigned.body.id;
    await submit('asisten3', 'SR-karoumum');
    await submit('kabagtu', 'R-karoumum:kabagtu');
    await expectCells([
      {
        action: 'outgoing.sign (signature above the signer’s clearance)',
        expected: 'karoumum:403',
        call: sign('SR-karoumum'),
      },
      {
        action: 'outgoing.sign (R signature by its Plh)',
        expected: 'karohukum:404 karoperek:200',
        call: sign('R-karoumum:kabagtu'),
      },
    ]);
    // The register: the desk sees the signed letter; the admin reads no letter.
    const register = await agents.agendaris.get('/api/outgoing-letters/register');
    expect(register.body.items.map((i: { id: string }) => i.id)).toContain(made['B:staftu']);
    const adminRegister = await agents.admin.get('/api/outgoing-letters/register');
    expect((adminRegister.body.items ?? []).map((i: { id: string }) => i.id)).not.toContain(
      made['B:staftu'],
    );
    await expectCells([
      {
        // The desk dispatches; the drafter and the signer may not. The role gate answers
        // before the letter is looked up, so the refusal says nothing about the letter.
        action: 'outgoing.dispatch (B)',
        expected: 'admin:403 karohukum:403 staftu:403 asisten3:403 agendaris:200',
        call: dispatch('B:staftu'),
      },
      {
        // The desk (cleared T) does not see an R letter in the register: 404; the archivist
        // (cleared R) sees it but does not dispatch: 403.
        action: 'outgoing.dispatch (R)',
        expected: 'agendaris:404 arsiparis:403',
        call: dispatch('R-karoumum:kabagtu'),
      },
      {
        action: 'outgoing.view_register (R letter)',
        expected: 'admin:404 agendaris:404 arsiparis:200 karohukum:404',
        call: (a) => a.get(letter('R-karoumum:kabagtu')),
      },
    ]);
  });
});

describe('berkas.view, berkas.edit: archivists everywhere, pejabat in their unit and below', () => {
  it('creates and opens berkas by unit scope and class', async () => {
    const biroUmum = String((await findUnitByCode('B.UM'))!._id);
    const tataUsaha = String((await findUnitByCode('B.UM.1'))!._id);
    const create =
      (unitId: string, securityClass: Class): Call =>
      (a, name) =>
        a
          .post('/api/archive/berkas')
          .send({ unitId, classificationCode: '400.7', title: `Berkas ${name}`, securityClass });
    const made = await agents.arsiparis
      .post('/api/archive/berkas')
      .send({ unitId: tataUsaha, classificationCode: '400.7', title: 'Berkas Tata Usaha' });
    expect(made.status).toBe(201);
    await expectCells([
      {
        // kabagtu holds a position in Tata Usaha, below Biro Umum: not the Biro's own berkas.
        action: 'berkas.edit (create, Biro Umum, R)',
        expected: 'admin:403 agendaris:403 kabagtu:403 karohukum:403 arsiparis:201 karoumum:201',
        call: create(biroUmum, 'R'),
      },
      {
        action: 'berkas.edit (create, SR: above clearance)',
        expected: 'karoumum:403',
        call: create(biroUmum, 'SR'),
      },
      {
        action: 'berkas.view (Tata Usaha)',
        expected: 'admin:403 agendaris:403 arsiparis:200 karoumum:200 kabagtu:200 karohukum:403',
        call: (a) => a.get(`/api/archive/berkas/${made.body.id}`),
      },
    ]);
  });
});

describe('actions without a record: org.manage, audit.browse, pki.manage, token.manage, archive.manage', () => {
  it('answers each route by role', async () => {
    const who = (statuses: string) =>
      ['admin', 'agendaris', 'arsiparis', 'karoumum']
        .map((u, i) => `${u}:${statuses.split(' ')[i]}`)
        .join(' ');
    await expectCells([
      {
        action: 'org.manage',
        expected: who('200 403 403 403'),
        call: (a) => a.get('/api/admin/users'),
      },
      {
        action: 'audit.browse',
        expected: who('200 403 403 403'),
        call: (a) => a.get('/api/admin/audit'),
      },
      {
        action: 'pki.manage',
        expected: who('200 403 403 403'),
        call: (a) => a.get('/api/admin/pki'),
      },
      // Revoking from the admin screen (an id of no certificate: the admin gets as far as 404).
      {
        action: 'pki.manage (revoke)',
        expected: who('404 403 403 403'),
        call: (a) =>
          a
            .post('/api/admin/pki/certificates/0123456789abcdef01234567/revoke')
            .send({ reason: 'keyCompromise' }),
      },
      // Importing a CA (a file that is no PKCS#12: the admin's is refused as such).
      {
        action: 'pki.manage (import)',
        expected: who('400 403 403 403'),
        call: (a) => a.post('/api/admin/pki/import').send({ pkcs12: 'AAAA', password: 'x' }),
      },
      // Another user's NIK (personal data) is in the admin's user answer only.
      {
        action: 'org.manage (user with NIK)',
        expected: who('200 403 403 403'),
        call: (a) => a.get(`/api/admin/users/${agents.sekda.user.id}`),
      },
      // Another user's tokens: only the admin; one's own: everyone.
      {
        action: 'token.manage (other)',
        expected: who('200 403 403 403'),
        call: (a) => a.get('/api/auth/tokens').query({ userId: agents.sekda.user.id }),
      },
      {
        action: 'token.manage (own)',
        expected: who('200 200 200 200'),
        call: (a) => a.get('/api/auth/tokens'),
      },
      {
        action: 'archive.manage',
        expected: who('403 403 200 403'),
        call: (a) => a.get('/api/archive/loans'),
      },
      {
        action: 'archive.manage (import)',
        expected: who('403 403 200 403'),
        call: (a) => a.get('/api/imports'),
      },
      {
        action: 'archive.settings',
        expected: who('200 403 200 403'),
        call: (a) => a.get('/api/archive/approver-positions'),
      },
      {
        action: 'outgoing.numbering',
        expected: who('200 200 403 403'),
        call: (a) => a.get('/api/outgoing-letters/settings'),
      },
      {
        action: 'ocr.queue',
        expected: who('200 403 200 403'),
        call: (a) => a.get('/api/ocr/jobs'),
      },
      // One's own visits of the work queues ("Baru" marks): everyone.
      {
        action: 'queue.visit (own)',
        expected: who('200 200 200 200'),
        call: (a) => a.put('/api/me/queue-visits/register').send({}),
      },
    ]);
  });

  it('lets who may read a scan correct its OCR text, within the class they read', async () => {
    // No OCR worker runs here: each scan gets the page the worker would have written.
    for (const c of CLASSES)
      await OcrPageModel.create({
        fileId: letters[c].fileId,
        page: 1,
        text: `Pindaian ${c}`,
        ocrText: `Pindaian ${c}`,
        confidence: 80,
        source: 'ocr',
        width: 100,
        height: 100,
        sourceSha: 'matrix',
      });
    const correct =
      (c: Class): Call =>
      (a) =>
        a.put(`/api/files/${letters[c].fileId}/ocr/pages/1`).send({ text: 'Teks koreksi' });
    await expectCells([
      {
        action: 'ocr.correct (B)',
        expected: 'admin:404 karohukum:404 agendaris:200 arsiparis:200 karoumum:200',
        call: correct('B'),
      },
      {
        action: 'ocr.correct (R)',
        expected: 'agendaris:404 arsiparis:200 karoumum:200',
        call: correct('R'),
      },
      { action: 'ocr.correct (SR)', expected: 'arsiparis:404 sekda:200', call: correct('SR') },
    ]);
  });
});

describe('agenda pimpinan: the official, their Plt/Plh, the keepers the admin names', () => {
  it('answers view, decide, delegate, feed and keepers by position', async () => {
    const karoumum = await pos('karoumum');
    const response = await postLetter(
      agents.agendaris,
      letterData({
        kind: 'Surat Undangan',
        addresseePositionId: karoumum,
        event: {
          date: '2026-12-21',
          startTime: '09:00',
          timeZone: 'WIB',
          place: 'Aula Biro Umum',
          title: 'Rapat matriks agenda',
        },
      }),
      [{ body: await scanPdf('Undangan', 1), name: 'u.pdf', type: 'application/pdf' }],
    );
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const day = { positionId: karoumum, from: '2026-12-21', to: '2026-12-21' };
    const entryId = (await agents.karoumum.get('/api/agenda').query(day)).body.items[0]
      .id as string;
    let keeperId = '';
    await expectCells([
      {
        action: 'agenda.view (before keepers)',
        expected: 'admin:403 agendaris:403 asisten3:403 kabagtu:403 karohukum:403 karoumum:200',
        call: (a) => a.get('/api/agenda').query(day),
      },
      {
        action: 'agenda.keepers',
        expected: 'agendaris:403 karoumum:403 admin:201',
        call: async (a) => {
          const r = await a
            .post('/api/agenda/keepers')
            .send({ positionId: karoumum, keeperPositionId: await pos('kabagtu') });
          if (r.status === 201) keeperId = r.body.id;
          return r;
        },
      },
      {
        action: 'agenda.view (kabagtu keeps it)',
        expected: 'karohukum:403 kabagtu:200',
        call: (a) => a.get('/api/agenda').query(day),
      },
      {
        action: 'agenda.decide',
        expected: 'admin:404 karohukum:404 kabagtu:200 karoumum:200',
        call: (a) => a.post(`/api/agenda/${entryId}/decision`).send({ decision: 'accepted' }),
      },
      {
        action: 'agenda.remind (the default, in the profile)',
        expected: 'admin:403 karohukum:403 kabagtu:200 karoumum:200',
        call: (a) =>
          a.put('/api/agenda/reminders').send({ positionId: karoumum, remindBefore: [1440, 60] }),
      },
      {
        action: 'agenda.remind (one entry)',
        expected: 'admin:404 karohukum:404 kabagtu:200 karoumum:200',
        call: (a) => a.put(`/api/agenda/${entryId}/reminders`).send({ remindBefore: [30] }),
      },
      {
        action: 'agenda.feed',
        expected: 'admin:403 kabagtu:403 karoumum:201',
        call: (a) => a.post('/api/agenda/feeds').send({ positionId: karoumum }),
      },
      {
        action: 'agenda.delegate',
        expected: 'admin:404 karohukum:404 kabagtu:403 karoumum:200',
        call: async (a) =>
          a.post(`/api/agenda/${entryId}/delegate`).send({ positionId: await pos('kabagtu') }),
      },
      {
        action: 'agenda.keepers (revoke)',
        expected: 'karoumum:403 admin:204',
        call: (a) => a.delete(`/api/agenda/keepers/${keeperId}`),
      },
    ]);
  });
});

/** Whether a search for a word of its title and minutes finds the meeting: 200 found, 404 not. */
async function meetingFound(agent: LoggedInAgent, meetingId: string) {
  const response = await agent.get('/api/search').query({ q: 'Matriks', pageSize: 100 });
  if (response.status !== 200) return response;
  const found = (response.body.items as Array<{ letterId: string; direction: string }>).some(
    (hit) => hit.direction === 'meeting' && hit.letterId === meetingId,
  );
  return { status: found ? 200 : 404 };
}

describe('meetings: create, view and manage by chain, unit line, ownership and class', () => {
  it('answers each action by role, scope and class', async () => {
    const meeting = async (securityClass: Class, invited: string[]) => ({
      title: `Rapat matriks ${securityClass}`,
      kind: 'rapat_koordinasi',
      date: '2026-12-21',
      startTime: '09:00',
      endTime: '10:00',
      place: 'Aula Biro Umum',
      chairPositionId: await pos('karoumum'),
      invitedPositionIds: await Promise.all(invited.map((key) => pos(key))),
      securityClass,
    });
    const ids = {} as Record<'B' | 'R', string>;
    for (const securityClass of ['B', 'R'] as const) {
      const created = await agents.sekda
        .post('/api/meetings')
        .send(await meeting(securityClass, securityClass === 'B' ? ['kabagtu'] : []));
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      ids[securityClass] = created.body.id;
    }
    await expectCells([
      {
        action: 'meeting.create (B)',
        expected: 'admin:403 arsiparis:403 agendaris:201 kabagtu:201',
        call: async (a) => a.post('/api/meetings').send(await meeting('B', [])),
      },
      {
        action: 'meeting.create (SR)',
        expected: 'agendaris:403 karoumum:403 sekda:201',
        call: async (a) => a.post('/api/meetings').send(await meeting('SR', [])),
      },
      {
        action: 'meeting.view (B)',
        expected:
          'admin:404 arsiparis:404 karohukum:404 karoorg:404 agendaris:200 asisten3:200 kabagtu:200 karoumum:200 sekda:200',
        call: (a) => a.get(`/api/meetings/${ids.B}`),
      },
      {
        action: 'meeting.view (R)',
        expected: 'agendaris:404 karohukum:404 asisten3:200 karoumum:200',
        call: (a) => a.get(`/api/meetings/${ids.R}`),
      },
      {
        action: 'meeting.manage (B)',
        expected:
          'admin:404 karohukum:404 asisten3:403 kabagtu:403 agendaris:200 karoumum:200 sekda:200',
        call: (a) => a.put(`/api/meetings/${ids.B}/minutes`).send({ pembahasan: 'Matriks' }),
      },
      {
        action: 'meeting.manage (R)',
        expected: 'agendaris:404 asisten3:403 karoumum:200',
        call: (a) => a.put(`/api/meetings/${ids.R}/minutes`).send({ pembahasan: 'Matriks' }),
      },
      // Search finds a meeting (and shows its snippet) for exactly who may see it: 200 when
      // the meeting is among the hits for a word of its title and minutes, 404 when not.
      {
        action: 'meeting.view via search (B)',
        expected:
          'admin:404 arsiparis:404 karohukum:404 karoorg:404 agendaris:200 asisten3:200 kabagtu:200 karoumum:200 sekda:200',
        call: (a) => meetingFound(a, ids.B),
      },
      {
        action: 'meeting.view via search (R)',
        expected: 'agendaris:404 karohukum:404 asisten3:200 karoumum:200',
        call: (a) => meetingFound(a, ids.R),
      },
      {
        action: 'meeting.manage: minutes scan (B)',
        expected: 'admin:404 karohukum:404 asisten3:403 kabagtu:403',
        call: (a) =>
          a
            .post(`/api/meetings/${ids.B}/minutes-scan`)
            .attach('file', Buffer.from('%PDF-1.4'), 'notulen.pdf'),
      },
    ]);
  });
});

/**
 * The archive's lifecycle: close a berkas, propose its disposal, approve it, lend and return.
 * Last in the file, because it moves the clock five years on (every session made before is
 * then expired, so the steps log in afresh).
 */
describe('archive lifecycle: close, propose and approve disposal, lend and return', () => {
  it('answers each step by role, unit scope, class and acting', async () => {
    const tataUsaha = String((await findUnitByCode('B.UM.1'))!._id);
    const lastYear = new Date().getFullYear() - 1;
    const letterIds = await registerLetters(
      agents.agendaris,
      2,
      { classificationCode: '000.5.3.1' },
      1,
    );
    const berkas: Record<'B' | 'R', string> = { B: '', R: '' };
    for (const [c, ids] of [
      ['B', [letterIds[0]]],
      ['R', [letterIds[1]]],
    ] as const) {
      const created = await agents.arsiparis.post('/api/archive/berkas').send({
        unitId: tataUsaha,
        classificationCode: '000.5.3.1',
        title: `Buku agenda ${lastYear} (${c})`,
        securityClass: c,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      berkas[c] = created.body.id;
      const filed = await agents.arsiparis
        .post(`/api/archive/berkas/${created.body.id}/items`)
        .send({ letters: ids.map((id) => ({ type: 'incoming', id })) });
      expect(filed.status, JSON.stringify(filed.body)).toBeLessThan(300);
    }
    const close =
      (c: 'B' | 'R'): Call =>
      (a) =>
        a.post(`/api/archive/berkas/${berkas[c]}/close`).send({ closedOn: `${lastYear}-12-31` });
    await expectCells([
      {
        // karoperek is Plh. Kepala Biro Umum: Tata Usaha lies below Biro Umum.
        action: 'berkas.edit (close B: unit scope, acting)',
        expected: 'admin:403 agendaris:403 karohukum:403 karoperek:200',
        call: close('B'),
      },
      {
        action: 'berkas.edit (close R: clearance)',
        expected: 'arsipb:403 kabagtu:200',
        call: close('R'),
      },
    ]);

    const restore = shiftClock(5 * YEAR_MS);
    try {
      const fresh: Record<string, LoggedInAgent> = {};
      const login = async (name: string) => (fresh[name] ??= await loginAs(ctx, name));
      // The Plh of the Kepala Biro Umum for these (later) days.
      const assigned = await (await login('admin')).post('/api/admin/assignments').send({
        userId: agents.karoperek.user.id,
        positionId: await pos('karoumum'),
        kind: 'plh',
        startsAt: new Date(now().getTime() - 3_600_000).toISOString(),
        endsAt: new Date(now().getTime() + 3_600_000).toISOString(),
      });
      expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
      let proposalId = '';
      // The service's calendar day (Asia/Jakarta): the UTC date is a day behind from 17:00 UTC.
      const today = archiveToday();
      let loanId = '';
      await expectCells(
        [
          {
            action: 'archive.manage (propose disposal, R: clearance)',
            expected: 'arsipb:403',
            call: (a) =>
              a.post('/api/archive/proposals').send({ kind: 'disposal', berkasIds: [berkas.R] }),
          },
          {
            action: 'archive.manage (propose disposal, B)',
            expected: 'admin:403 agendaris:403 karoumum:403 arsiparis:201',
            call: async (a) => {
              const r = await a
                .post('/api/archive/proposals')
                .send({ kind: 'disposal', berkasIds: [berkas.B] });
              if (r.status === 201) proposalId = r.body.id;
              return r;
            },
          },
          {
            // Approvers in turn: the Kepala Biro Umum (here its Plh), then the Sekda.
            action: 'archive.approve (first approver: its Plh)',
            expected: 'arsiparis:403 sekda:403 karohukum:403 karoperek:200',
            call: (a) =>
              a
                .post(`/api/archive/proposals/${proposalId}/decision`)
                .send({ decision: 'approve', note: 'Setuju' }),
          },
          {
            action: 'archive.approve (second approver)',
            expected: 'karoumum:403 sekda:200',
            call: (a) =>
              a
                .post(`/api/archive/proposals/${proposalId}/decision`)
                .send({ decision: 'approve', note: 'Setuju' }),
          },
          {
            action: 'archive.manage (lend R)',
            expected: 'admin:403 agendaris:403 karoumum:403 arsipb:403 arsiparis:201',
            call: async (a) => {
              const r = await a.post('/api/archive/loans').send({
                berkasIds: [berkas.R],
                borrowerName: 'Rudi Hartono',
                purpose: 'Bahan sidang',
                dueDate: today,
              });
              if (r.status === 201) loanId = r.body.id;
              return r;
            },
          },
          {
            action: 'archive.manage (return R)',
            expected: 'admin:403 karoumum:403 arsipb:403 arsiparis:200',
            call: (a) => a.post(`/api/archive/loans/${loanId}/return`).send({ note: 'Lengkap' }),
          },
        ],
        login,
      );
    } finally {
      restore();
    }
  });
});
