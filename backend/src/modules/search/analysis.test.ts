import { describe, expect, it } from 'vitest';
import { analyzeForIndex, confusionFold, fold, parseQuery, toFtsQuery } from './analysis.ts';
import { buildSnippet } from './snippet.ts';
import { stem } from './stemmer.ts';

describe('Indonesian stemmer', () => {
  it.each([
    ['ditindaklanjuti', 'tindak lanjut'],
    ['menindaklanjuti', 'tindak lanjut'],
    ['tindaklanjut', 'tindak lanjut'],
    ['kepegawaian', 'pegawai'],
    ['menulis', 'tulis'],
    ['mengirimkan', 'kirim'],
    ['pengiriman', 'kirim'],
    ['penandatanganan', 'tanda tangan'],
    ['bekerjasama', 'kerja sama'],
    ['memperbaiki', 'baik'],
    ['diberikan', 'beri'],
    ['pelaksanaan', 'laksana'],
    ['dilaksanakan', 'laksana'],
    ['pemerintahan', 'perintah'],
    ['persuratan', 'surat'],
    ['kearsipan', 'arsip'],
    ['diarsipkan', 'arsip'],
    ['disampaikan', 'sampai'],
    ['pertanggungjawaban', 'tanggung jawab'],
    ['mempunyai', 'punya'],
    ['undangan', 'undang'],
    ['petani', 'tani'],
    ['belajar', 'ajar'],
  ])('stems %s to %s', (word, expected) => {
    expect(stem(word).join(' ')).toBe(expected);
  });

  it('leaves root words, short words, numbers and unknown names alone', () => {
    for (const word of ['rapat', 'surat', 'di', 'ke', '2026', 'lampung', 'sekretariat', 'xyzqwv']) {
      expect(stem(word)).toEqual([word]);
    }
  });
});

describe('analysis chain', () => {
  it('folds case and diacritics', () => {
    expect(fold('Éntri KÉPEGAWAIAN')).toBe('entri kepegawaian');
  });

  it('drops stopwords and indexes stems plus confusion-folded surfaces', () => {
    const analyzed = analyzeForIndex('Surat ini untuk ditindaklanjuti oleh Kepegawaian');
    expect(analyzed.body).toBe('surat tindak lanjut pegawai');
    expect(analyzed.fuzzy).toBe('surat dltlndaklanjutl kepegawalan');
  });

  it('maps common OCR confusions onto one form', () => {
    expect(confusionFold('kepegawaian')).toBe(confusionFold('kepegawa1an'));
    expect(confusionFold('pemerintah')).toBe(confusionFold('pernerintah'));
    expect(confusionFold('nomor')).toBe(confusionFold('n0mor'));
  });

  it('parses words, quoted phrases, prefixes and letter numbers', () => {
    const parsed = parseQuery('"tindak lanjut" kepeg* 900.1/1853/II.08/2026 dan');
    expect(parsed.clauses).toEqual([
      { kind: 'phrase', stems: ['tindak', 'lanjut'], fuzzy: ['tlndak', 'lanjut'] },
      { kind: 'prefix', prefix: 'kepeg' },
      {
        kind: 'phrase',
        stems: ['900', '1', '1853', 'ii', '08', '2026'],
        fuzzy: ['9oo', 'l', 'l853', 'll', 'o8', '2o26'],
      },
    ]);
    expect(toFtsQuery(parsed)).toContain('"zqkepeg" *');
    expect(toFtsQuery(parseQuery('rapat'))).toBe('"rapat"');
    expect(toFtsQuery(parseQuery('ditindaklanjuti'))).toBe(
      '("tindak lanjut" OR "zqdltlndaklanjutl")',
    );
  });

  it('yields no query for stopwords only and refuses short prefixes as prefixes', () => {
    expect(toFtsQuery(parseQuery('yang dan di'))).toBeNull();
    expect(parseQuery('ke*').clauses).toEqual([]);
  });

  it('never lets FTS syntax through from user input', () => {
    const fts = toFtsQuery(parseQuery('surat" OR body:* NEAR(a b) ^x'));
    expect(fts).not.toMatch(/NEAR\(|\^|body:/);
  });
});

describe('snippet', () => {
  it('escapes HTML before marking the matched words', () => {
    const parsed = parseQuery('kepegawaian');
    const snippet = buildSnippet(
      'Catatan <script>alert(1)</script> bagian Kepegawaian & umum',
      parsed.highlight,
    );
    expect(snippet).toContain('&lt;script&gt;');
    expect(snippet).not.toContain('<script>');
    expect(snippet).toContain('<mark>Kepegawaian</mark> &amp; umum');
  });

  it('marks inflected forms of the query words', () => {
    const parsed = parseQuery('tindak lanjut');
    const snippet = buildSnippet(
      'Mohon segera ditindaklanjuti sesuai ketentuan.',
      parsed.highlight,
    );
    expect(snippet).toBe('Mohon segera <mark>ditindaklanjuti</mark> sesuai ketentuan.');
  });
});
