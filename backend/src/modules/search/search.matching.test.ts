import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecurityClass } from '../../http/actor.ts';
import type { SearchScope } from './engine.ts';
import type { AppliedSearchEvent } from './publish.ts';
import { wordMatchesQuery } from './snippet.ts';
import { SqliteSearchEngine } from './sqlite-engine.ts';
import { deletions, editDistance } from './vocabulary.ts';

/** Issue 15 point 8: prefixes find the stemmed forms, typos get "Maksud Anda". Engine level
 * (the SQLite index of one replica); the HTTP side is in search.test.ts. */

const ARCHIVIST: SearchScope = { openRank: 3, principals: [] };
/** The desk: Biasa and Terbatas everywhere, nothing else. */
const DESK: SearchScope = { openRank: 1, principals: [], chainRank: -1 };

let seq = 0;
function letter(
  id: string,
  subject: string,
  pages: string[] = [],
  securityClass: SecurityClass = 'B',
): AppliedSearchEvent[] {
  return [
    {
      seq: ++seq,
      type: 'doc',
      letterId: id,
      doc: {
        kind: 'incoming',
        agendaNumber: null,
        letterNumber: null,
        subject,
        senderName: null,
        recipientName: null,
        summary: null,
        date: `2026-01-${String(seq % 28 || 1).padStart(2, '0')}`,
        classificationCode: null,
        status: null,
        securityClass,
        unitIds: [],
        positionIds: [],
      },
    },
    ...pages.map((text, i) => ({
      seq: ++seq,
      type: 'page' as const,
      letterId: id,
      fileId: `f-${id}`,
      page: i + 1,
      text,
    })),
  ];
}

/** The archive: every form of "arsip" the clerks write, and an OCR-damaged one. */
const corpus = [
  letter('L01', 'Rapat koordinasi kearsipan daerah'),
  letter('L02', 'Undangan', ['Dalam rangka pembinaan KEARSIPAN di lingkungan pemerintah']),
  letter('L03', 'Laporan pengarsipan dokumen dinas'),
  letter('L04', 'Dokumen yang telah diarsipkan'),
  letter('L05', 'Permintaan salinan arsip'),
  letter('L06', 'Penyerahan arsip statis', ['Berita acara penyerahan arsip statis']),
  letter('L07', 'Perihal kearsipannya belum tertib'),
  letter('L08', 'Pengelolaan arsip dinamis aktif'),
  letter('L09', 'Pengumpulan berkas', ['Mohon pengarsipan surat masuk segera']),
  letter('L10', 'Penataan arsip inaktif'),
  letter('L11', 'Pembinaan arsiparis kabupaten'),
  // OCR misread the last letter: only the prefix finds it.
  letter('L12', 'Bimbingan teknis', ['Bimtek kearsipam tahun 2026']),
  // A word found only in a Rahasia letter.
  letter('L13', 'Hasil penyelidikan khusus', ['Temuan penyelidikan rahasia'], 'R'),
  letter('L14', 'Pengadaan komputer', ['Pengadaan komputer untuk bagian umum']),
];

let engine: SqliteSearchEngine;
const ids = (text: string, scope = ARCHIVIST) =>
  engine
    .search({ text, page: 1, pageSize: 100 }, scope)
    .items.map((item) => item.letterId)
    .sort();

beforeAll(() => {
  engine = new SqliteSearchEngine(':memory:');
  engine.applyBatch(corpus.flat());
});
afterAll(() => engine.close());

describe('prefix queries match stemmed and unstemmed forms', () => {
  it('kearsip* finds every letter kearsipan finds, and the misread one', () => {
    const word = ids('kearsipan');
    expect(word.length).toBeGreaterThanOrEqual(10);
    const prefix = ids('kearsip*');
    for (const id of word) expect(prefix).toContain(id);
    expect(prefix).toContain('L12');
    expect(prefix.length).toBeGreaterThan(word.length);
  });

  it('marks the stemmed forms a prefix found in the snippet', () => {
    const hit = engine
      .search({ text: 'kearsip*', page: 1, pageSize: 100 }, ARCHIVIST)
      .items.find((item) => item.letterId === 'L03');
    expect(hit?.snippet).toContain('<mark>pengarsipan</mark>');
    const { highlight } = engine.parse('kearsip*');
    expect(wordMatchesQuery('diarsipkan', highlight)).toBe(true);
    expect(wordMatchesQuery('komputer', highlight)).toBe(false);
  });

  it('still needs every other word, and a short prefix stays a prefix', () => {
    expect(ids('kearsip* statis')).toEqual(['L06']);
    expect(ids('komp*')).toEqual(['L14']);
  });
});

describe('typo tolerance ("Maksud Anda")', () => {
  it('answers a one-letter typo that finds nothing with the corrected query, and says so', () => {
    const result = engine.search({ text: 'kearsipn', page: 1, pageSize: 100 }, ARCHIVIST);
    expect(result.corrected).toEqual({ from: 'kearsipn', to: 'kearsipan' });
    expect(result.items.map((item) => item.letterId).sort()).toEqual(ids('kearsipan'));
    expect(result.total).toBe(ids('kearsipan').length);
  });

  it('corrects a swapped pair and keeps the other words and the filters', () => {
    const result = engine.search({ text: 'kaersipan statis', page: 1, pageSize: 100 }, ARCHIVIST);
    expect(result.corrected?.to).toBe('kearsipan statis');
    expect(result.items.map((item) => item.letterId)).toEqual(['L06']);
  });

  it('suggests a better spelling when a word finds only a few letters', () => {
    const result = engine.search({ text: 'kearsipam', page: 1, pageSize: 100 }, ARCHIVIST);
    expect(result.items.map((item) => item.letterId)).toEqual(['L12']);
    expect(result.corrected).toBeUndefined();
    expect(result.suggestion).toEqual({
      text: 'kearsipan',
      total: ids('kearsipan').length,
      capped: false,
    });
  });

  it('never suggests a word found only in letters the user may not open', () => {
    const hidden = engine.search({ text: 'penyelidkan', page: 1, pageSize: 100 }, DESK);
    expect(hidden).toEqual({ total: 0, items: [] });
    const cleared = engine.search({ text: 'penyelidkan', page: 1, pageSize: 100 }, ARCHIVIST);
    expect(cleared.corrected?.to).toBe('penyelidikan');
    expect(cleared.items.map((item) => item.letterId)).toEqual(['L13']);
  });

  it('offers nothing for a word far from the vocabulary or a correct word', () => {
    expect(engine.search({ text: 'zzzzqqq', page: 1, pageSize: 10 }, ARCHIVIST)).toEqual({
      total: 0,
      items: [],
    });
    const exact = engine.search({ text: 'komputer', page: 1, pageSize: 10 }, ARCHIVIST);
    expect(exact.suggestion).toBeUndefined();
    expect(exact.corrected).toBeUndefined();
  });

  it('forgets the words of removed letters and counts corrected pages once', () => {
    const local = new SqliteSearchEngine(':memory:');
    try {
      local.applyBatch(letter('X1', 'Surat', ['inventarisasi barang milik daerah']));
      expect(
        local.search({ text: 'inventarisas', page: 1, pageSize: 10 }, ARCHIVIST).corrected,
      ).toBeDefined();
      // The page is corrected twice (re-OCR), then the letter is removed.
      local.applyBatch(letter('X1', 'Surat', ['inventarisasi barang']));
      local.applyBatch([{ seq: ++seq, type: 'doc-remove', letterId: 'X1' }]);
      expect(local.search({ text: 'inventarisas', page: 1, pageSize: 10 }, ARCHIVIST)).toEqual({
        total: 0,
        items: [],
      });
    } finally {
      local.close();
    }
  });

  it('builds the vocabulary of an index file made by the previous release', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lontar-vocab-'));
    const file = path.join(dir, 'index.sqlite');
    try {
      const old = new SqliteSearchEngine(file);
      old.applyBatch(letter('Y1', 'Rekapitulasi anggaran'));
      // What a file of the previous release looks like: no vocabulary, no mark.
      old.setMeta('vocabulary', '0');
      old.close();
      const reopened = new SqliteSearchEngine(file);
      try {
        expect(
          reopened.search({ text: 'rekapitulas', page: 1, pageSize: 10 }, ARCHIVIST).corrected,
        ).toEqual({ from: 'rekapitulas', to: 'rekapitulasi' });
        expect(reopened.search({ text: 'rekap*', page: 1, pageSize: 10 }, ARCHIVIST).total).toBe(1);
      } finally {
        reopened.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('edit distance', () => {
  it('counts a swap of neighbours as one edit and stops past the bound', () => {
    expect(editDistance('kearsipn', 'kearsipan', 2)).toBe(1);
    expect(editDistance('kaersipan', 'kearsipan', 2)).toBe(1);
    expect(editDistance('kersipn', 'kearsipan', 2)).toBe(2);
    expect(editDistance('surat', 'kearsipan', 2)).toBe(3);
    expect([...deletions('arsip')]).toEqual(['rsip', 'asip', 'arip', 'arsp', 'arsi']);
  });
});
