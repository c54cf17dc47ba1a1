import Router from '@koa/router';
import Koa from 'koa';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import type { Actor } from '../../http/actor.ts';
import { errorMiddleware } from '../../http/error-middleware.ts';
import { mountRoutes } from '../../http/route.ts';
import { SearchIndexer } from './indexer.ts';
import {
  publishNoteText,
  publishPageText,
  publishSearchDocument,
  removeSearchDocument,
  type SearchDocumentInput,
} from './publish.ts';
import { startSearchIndex, stopSearchIndex } from './runtime.ts';
import { searchRoutes } from './search.routes.ts';
import { SqliteSearchEngine } from './sqlite-engine.ts';
import { IncomingRegisterModel } from '../letters/letters.model.ts';
import { seedDefaultRegister } from '../letters/registers.service.ts';

const { services } = await createTestContext();
const indexer = await startSearchIndex(services);
afterAll(() => stopSearchIndex());

/** The search routes behind a stand-in for the auth middleware: the actor comes from a header. */
const app = new Koa();
const router = new Router();
mountRoutes(router, searchRoutes(services));
app.use(errorMiddleware);
app.use(async (ctx, next) => {
  const header = ctx.get('x-test-actor');
  if (header) ctx.state.actor = JSON.parse(header) as Actor;
  await next();
});
app.use(router.routes());
const http = supertest(app.callback());

function actor(overrides: Partial<Actor>): Actor {
  return {
    userId: 'u',
    username: 'u',
    name: 'U',
    roles: ['pejabat'],
    clearance: 'B',
    positions: [],
    via: 'session',
    ...overrides,
  };
}
const position = (id: string, unitId: string) => ({ id, title: id, unitId, acting: false });

async function search(who: Actor, query: Record<string, string | number>) {
  const response = await http
    .get('/api/search')
    .query(query)
    .set('x-test-actor', JSON.stringify(who));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as {
    total: number;
    items: Array<Record<string, unknown>>;
    corrected?: { from: string; to: string };
    suggestion?: { q: string; total: number };
  };
}

const ids = {
  biasa: '64b000000000000000000001',
  rahasia: '64b000000000000000000002',
  terbatas: '64b000000000000000000003',
  older: '64b000000000000000000004',
  newer: '64b000000000000000000005',
  outgoing: '64b000000000000000000006',
};
const doc = (letterId: string, fields: Partial<SearchDocumentInput>): SearchDocumentInput => ({
  kind: 'incoming',
  letterId,
  acl: { securityClass: 'B', unitIds: [], positionIds: [] },
  ...fields,
});
const arsiparis = actor({ roles: ['arsiparis'], clearance: 'SR' });

beforeAll(async () => {
  await publishSearchDocument(
    doc(ids.biasa, {
      agendaNumber: 12,
      letterNumber: '800.1/123/B.UM/2026',
      subject: 'Usulan kenaikan pangkat bagian kepegawaian',
      senderName: 'Badan Kepegawaian Daerah',
      date: '2026-03-02',
      classificationCode: '800.1.11',
      status: 'didisposisikan',
      acl: { securityClass: 'B', unitIds: ['unit-umum'], positionIds: ['pos-kabag'] },
    }),
  );
  await publishPageText(
    'file-b',
    ids.biasa,
    1,
    'PEMERINTAH PROVINSI LAMPUNG\nHalaman pertama tanpa kata kunci.',
  );
  await publishPageText(
    'file-b',
    ids.biasa,
    2,
    'Mohon agar usulan ini segera ditindaklanjuti. Catatan: <script>alert(1)</script> & lampiran.',
  );
  await publishSearchDocument(
    doc(ids.rahasia, {
      letterNumber: 'R-7/SETDA/2026',
      subject: 'Laporan pemeriksaan khusus kepegawaian',
      senderName: 'Inspektorat',
      date: '2026-04-10',
      classificationCode: '700.1',
      acl: { securityClass: 'R', unitIds: [], positionIds: ['pos-sekda'] },
    }),
  );
  await publishSearchDocument(
    doc(ids.terbatas, {
      letterNumber: '900.1/55/BPKAD/2026',
      subject: 'Rekapitulasi anggaran kepegawaian triwulan',
      senderName: 'BPKAD',
      date: '2026-05-01',
      classificationCode: '900.1',
      acl: { securityClass: 'T', unitIds: ['unit-keu'], positionIds: [] },
    }),
  );
  await publishPageText(
    'file-t',
    ids.terbatas,
    1,
    'Data kepegawa1an hasil pindaian dengan salah baca.',
  );
  for (const [id, date] of [
    [ids.older, '2025-01-05'],
    [ids.newer, '2026-01-05'],
  ] as const) {
    await publishSearchDocument(
      doc(id, {
        subject: 'Undangan rapat koordinasi perpustakaan',
        date,
        acl: { securityClass: 'B', unitIds: ['unit-umum'], positionIds: [] },
      }),
    );
  }
  await publishSearchDocument(
    doc(ids.outgoing, {
      kind: 'outgoing',
      letterNumber: '000.1/9/SETDA/2026',
      subject: 'Jawaban atas rapat pleno bidang koordinasi lain',
      recipientName: 'Bupati Tulang Bawang',
      date: '2026-02-01',
      classificationCode: '000.1',
      acl: { securityClass: 'B', unitIds: ['unit-umum'], positionIds: [] },
    }),
  );
  await publishNoteText(
    ids.outgoing,
    'note-1',
    'Siapkan konsep jawaban tentang perpustakaan keliling.',
  );
});

describe('GET /api/search permissions', () => {
  it('counts and returns only the letters the user may open', async () => {
    // A position of the letter's chain opens it; membership of a unit alone does not
    // (docs/security.md: officials see letters of their chain, not of their unit).
    const kabag = actor({ positions: [position('pos-kabag', 'unit-umum')], clearance: 'SR' });
    const result = await search(kabag, { q: 'kepegawaian' });
    expect(result.items.map((item) => item.letterId)).toEqual([ids.biasa]);
    expect(result.total).toBe(1);
    const staff = actor({ positions: [position('pos-staf', 'unit-umum')], clearance: 'SR' });
    expect((await search(staff, { q: 'kepegawaian' })).total).toBe(0);
  });

  it('shows a Rahasia letter to its chain and cleared archivists only', async () => {
    const outsider = actor({
      roles: ['pejabat', 'agendaris'],
      positions: [position('pos-lain', 'unit-setda')],
      clearance: 'SR',
    });
    expect((await search(outsider, { q: 'pemeriksaan' })).total).toBe(0);
    expect(
      (await search(actor({ roles: ['arsiparis'], clearance: 'T' }), { q: 'pemeriksaan' })).total,
    ).toBe(0);
    expect(
      (await search(actor({ roles: ['arsiparis'], clearance: 'R' }), { q: 'pemeriksaan' })).total,
    ).toBe(1);
    const sekda = actor({ positions: [position('pos-sekda', 'unit-setda')], clearance: 'SR' });
    expect((await search(sekda, { q: 'pemeriksaan' })).items.map((item) => item.letterId)).toEqual([
      ids.rahasia,
    ]);
    // In the chain but not cleared for R: no hit (content needs the clearance).
    const uncleared = actor({ positions: [position('pos-sekda', 'unit-setda')], clearance: 'T' });
    expect((await search(uncleared, { q: 'pemeriksaan' })).total).toBe(0);
  });

  it('opens the archive to arsiparis up to their clearance and B/T letters to the desk', async () => {
    const cleared = await search(arsiparis, { q: 'kepegawaian' });
    expect(cleared.total).toBe(3);
    const archivistT = await search(actor({ roles: ['arsiparis'], clearance: 'T' }), {
      q: 'kepegawaian',
    });
    expect(archivistT.items.map((item) => item.letterId).sort()).toEqual(
      [ids.biasa, ids.terbatas].sort(),
    );
    const desk = await search(actor({ roles: ['agendaris'], clearance: 'SR' }), {
      q: 'kepegawaian',
    });
    expect(desk.total).toBe(2);
    expect((await search(actor({ clearance: 'SR' }), { q: 'kepegawaian' })).total).toBe(0);
  });

  it('refuses anonymous callers and invalid filters', async () => {
    expect((await http.get('/api/search').query({ q: 'surat' })).status).toBe(401);
    const bad = await http
      .get('/api/search')
      .query({ from: '2026-05-01', to: '2026-01-01' })
      .set('x-test-actor', JSON.stringify(arsiparis));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('GET /api/search matching', () => {
  it('finds inflected forms, reports the page and escapes the snippet', async () => {
    const result = await search(arsiparis, { q: 'tindak lanjut' });
    expect(result.items).toHaveLength(1);
    const [hit] = result.items;
    expect(hit).toMatchObject({
      letterId: ids.biasa,
      page: 2,
      fileId: 'file-b',
      agendaNumber: '12',
      direction: 'incoming',
    });
    expect(hit!.snippet).toContain('<mark>ditindaklanjuti</mark>');
    expect(hit!.snippet).toContain('&lt;script&gt;');
    expect(hit!.snippet).not.toContain('<script>');
  });

  it('matches quoted phrases only when the words are adjacent', async () => {
    const phrase = await search(arsiparis, { q: '"rapat koordinasi"' });
    expect(phrase.items.map((item) => item.letterId)).toEqual([ids.newer, ids.older]);
    const words = await search(arsiparis, { q: 'rapat koordinasi' });
    expect(words.total).toBe(3);
  });

  it('finds prefixes and tolerates OCR confusions', async () => {
    const prefix = await search(arsiparis, { q: 'kepeg*' });
    expect(prefix.total).toBe(3);
    const ocr = await search(arsiparis, { q: 'data kepegawaian pindaian' });
    expect(ocr.items.map((item) => item.letterId)).toEqual([ids.terbatas]);
    expect(ocr.items[0]!.page).toBe(1);
  });

  it('breaks ties by recency and finds disposition notes', async () => {
    const result = await search(arsiparis, { q: 'perpustakaan' });
    expect(result.items.map((item) => item.letterId).slice(0, 2)).toEqual([ids.newer, ids.older]);
    expect(result.items.map((item) => item.letterId)).toContain(ids.outgoing);
  });

  it('filters by date, direction, classification prefix, sender, unit and security class', async () => {
    expect(
      (
        await search(arsiparis, { q: 'kepegawaian', from: '2026-04-01', to: '2026-04-30' })
      ).items.map((i) => i.letterId),
    ).toEqual([ids.rahasia]);
    expect(
      (await search(arsiparis, { direction: 'outgoing' })).items.map((i) => i.letterId),
    ).toEqual([ids.outgoing]);
    expect(
      (await search(arsiparis, { classification: '800' })).items.map((i) => i.letterId),
    ).toEqual([ids.biasa]);
    expect((await search(arsiparis, { classification: '800.1.1' })).total).toBe(0);
    expect(
      (await search(arsiparis, { sender: 'kepegawaian daerah' })).items.map((i) => i.letterId),
    ).toEqual([ids.biasa]);
    expect((await search(arsiparis, { unitId: 'unit-keu' })).items.map((i) => i.letterId)).toEqual([
      ids.terbatas,
    ]);
    expect((await search(arsiparis, { securityClass: 'R' })).items.map((i) => i.letterId)).toEqual([
      ids.rahasia,
    ]);
    expect(
      (await search(arsiparis, { status: 'didisposisikan' })).items.map((i) => i.letterId),
    ).toEqual([ids.biasa]);
  });

  it('finds a letter by its number typed with punctuation', async () => {
    const result = await search(arsiparis, { q: '800.1/123/B.UM/2026' });
    expect(result.items.map((item) => item.letterId)).toEqual([ids.biasa]);
  });

  it('paginates with a stable total', async () => {
    const first = await search(arsiparis, { q: 'kepeg*', pageSize: 2, page: 1 });
    const second = await search(arsiparis, { q: 'kepeg*', pageSize: 2, page: 2 });
    const beyond = await search(arsiparis, { q: 'kepeg*', pageSize: 2, page: 3 });
    expect([first.total, second.total, beyond.total]).toEqual([3, 3, 3]);
    expect(new Set([...first.items, ...second.items].map((i) => i.letterId)).size).toBe(3);
    expect(beyond.items).toEqual([]);
  });
});

describe('GET /api/search filters and corrections (issue 15 point 8)', () => {
  const registered = {
    central: '64b0000000000000000000c1',
    desk: '64b0000000000000000000c2',
    legacy: '64b0000000000000000000c3',
  };
  beforeAll(async () => {
    await seedDefaultRegister();
    await IncomingRegisterModel.updateOne(
      { code: 'MEJA-2' },
      {
        $setOnInsert: {
          code: 'MEJA-2',
          name: 'Buku Agenda Meja 2',
          isDefault: false,
          active: true,
        },
      },
      { upsert: true },
    );
    await publishSearchDocument(
      doc(registered.central, {
        subject: 'Permohonan rekomendasi kalibrasi',
        date: '2026-07-01',
        receivedDate: '2026-07-20',
        register: 'SETDA',
      }),
    );
    await publishSearchDocument(
      doc(registered.desk, {
        subject: 'Permohonan rekomendasi kalibrasi alat',
        date: '2026-07-15',
        receivedDate: '2026-07-16',
        register: 'MEJA-2',
      }),
    );
    // Published before registers and received dates were indexed.
    await publishSearchDocument(
      doc(registered.legacy, { subject: 'Kalibrasi timbangan pasar', date: '2026-07-10' }),
    );
  });
  const found = async (query: Record<string, string>) =>
    (await search(arsiparis, query)).items.map((item) => item.letterId).sort();

  it('filters by register; letters indexed without one belong to the default register', async () => {
    expect(await found({ q: 'kalibrasi', register: 'MEJA-2' })).toEqual([registered.desk]);
    expect(await found({ q: 'kalibrasi', register: 'SETDA' })).toEqual(
      [registered.central, registered.legacy].sort(),
    );
  });

  it('bounds the received date or the letter date', async () => {
    const july = { q: 'kalibrasi', from: '2026-07-14', to: '2026-07-31' };
    expect(await found(july)).toEqual([registered.desk]);
    // Received: the central letter came in on the 20th; the legacy one falls back to its
    // letter date (the 10th, outside).
    expect(await found({ ...july, dateField: 'received' })).toEqual(
      [registered.central, registered.desk].sort(),
    );
  });

  it('refuses a security class the user may not see, and offers only those they may', async () => {
    const desk = actor({ roles: ['agendaris'], clearance: 'SR' });
    const refused = await http
      .get('/api/search')
      .query({ securityClass: 'R' })
      .set('x-test-actor', JSON.stringify(desk));
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('Rahasia');
    expect((await search(desk, { securityClass: 'T' })).total).toBe(1);
    const options = await http.get('/api/search/options').set('x-test-actor', JSON.stringify(desk));
    expect(options.status).toBe(200);
    expect(options.body.securityClasses).toEqual(['B', 'T']);
    expect(options.body.registers.map((r: { code: string }) => r.code)).toEqual(
      expect.arrayContaining(['SETDA', 'MEJA-2']),
    );
    const archivist = await http
      .get('/api/search/options')
      .set('x-test-actor', JSON.stringify(arsiparis));
    expect(archivist.body.securityClasses).toEqual(['B', 'T', 'R', 'SR']);
  });

  it('answers a typo with the corrected results and a rare word with a suggestion', async () => {
    const typo = await search(arsiparis, { q: 'kalibrsi' });
    expect(typo.corrected).toEqual({ from: 'kalibrsi', to: 'kalibrasi' });
    expect(typo.total).toBe(3);
    // A Rahasia-only word: the desk gets no hint of it, the cleared archivist does.
    const desk = actor({ roles: ['agendaris'], clearance: 'SR' });
    const hidden = await search(desk, { q: 'pemeriksan' });
    expect(hidden).toEqual({ total: 0, items: [] });
    expect((await search(arsiparis, { q: 'pemeriksan' })).corrected?.to).toBe('pemeriksaan');
  });
});

describe('broad queries', () => {
  it('orders by date when a word is everywhere, with the right total and a snippet', async () => {
    const engine = new SqliteSearchEngine(':memory:', { broadSegments: 1 });
    try {
      engine.applyBatch(
        ['2024-01-01', '2026-01-01', '2025-01-01'].map((date, i) => ({
          seq: i + 1,
          type: 'doc' as const,
          letterId: `L${i}`,
          doc: {
            kind: 'incoming' as const,
            agendaNumber: null,
            letterNumber: null,
            subject: `Laporan kegiatan ${i}`,
            senderName: null,
            recipientName: null,
            summary: null,
            date,
            classificationCode: null,
            status: null,
            securityClass: 'B' as const,
            unitIds: [],
            positionIds: [],
          },
        })),
      );
      const result = engine.search(
        { text: 'kegiatan', page: 1, pageSize: 2 },
        { openRank: 3, principals: [] },
      );
      expect(result.total).toBe(3);
      expect(result.items.map((item) => item.letterId)).toEqual(['L1', 'L2']);
      expect(result.items[0]!.snippet).toContain('<mark>kegiatan</mark>');
      expect(
        engine.search({ text: 'kegiatan', page: 1, pageSize: 2 }, { openRank: -1, principals: [] })
          .total,
      ).toBe(0);
    } finally {
      engine.close();
    }
  });
});

describe('index lifecycle', () => {
  it('applies corrections and removals, and a new replica rebuilt from the log answers the same', async () => {
    const id = '64b0000000000000000000aa';
    await publishSearchDocument(
      doc(id, { subject: 'Permohonan cuti tahunan', date: '2026-06-01' }),
    );
    expect((await search(arsiparis, { q: 'cuti' })).total).toBe(1);
    await publishSearchDocument(
      doc(id, { subject: 'Permohonan izin belajar', date: '2026-06-01' }),
    );
    expect((await search(arsiparis, { q: 'cuti' })).total).toBe(0);
    expect((await search(arsiparis, { q: 'izin belajar' })).total).toBe(1);
    await removeSearchDocument(id);
    expect((await search(arsiparis, { q: 'izin belajar' })).total).toBe(0);

    const dir = mkdtempSync(path.join(os.tmpdir(), 'lontar-replica-'));
    const replica = new SqliteSearchEngine(path.join(dir, 'index.sqlite'));
    try {
      const other = new SearchIndexer(replica, services.logger, {
        pollMs: 60_000,
        gapGraceMs: 5000,
        source: 'replica-test',
      });
      await other.start();
      other.stop();
      const scope = { openRank: 3, principals: [] };
      const query = { text: 'kepegawaian', page: 1, pageSize: 20 };
      const mine = indexer.engine.search(query, scope);
      expect(replica.search(query, scope)).toEqual(mine);
      expect(replica.cursor()).toBe(indexer.engine.cursor());
      const rebuilt = await indexer.rebuild();
      expect(rebuilt.documents).toBe(9);
      expect(indexer.engine.search(query, scope)).toEqual(mine);
    } finally {
      replica.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
