import { describe, expect, it } from 'vitest';
import { parseRange } from './files.routes.ts';
import { contentDisposition, looksComplete, safeFileName, sniffType } from './file-type.ts';

describe('recognising scans by their bytes', () => {
  it('knows PDF, JPEG, PNG and both TIFF byte orders, and nothing else', () => {
    expect(sniffType(Buffer.from('%PDF-1.7\n'))?.ext).toBe('pdf');
    expect(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0]))?.ext).toBe('jpg');
    expect(sniffType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))?.ext).toBe(
      'png',
    );
    expect(sniffType(Buffer.from('II*\u0000rest', 'latin1'))?.ext).toBe('tif');
    expect(sniffType(Buffer.from('MM\u0000*rest', 'latin1'))?.ext).toBe('tif');
    expect(sniffType(Buffer.from('GIF89a..'))).toBeNull();
    expect(sniffType(Buffer.from('<html><script>'))).toBeNull();
  });

  it('sees a cut-off file by its end', () => {
    const pdf = sniffType(Buffer.from('%PDF-'))!;
    expect(looksComplete(pdf, Buffer.from('...trailer\n%%EOF\n'))).toBe(true);
    expect(looksComplete(pdf, Buffer.from('...stream data'))).toBe(false);
    const jpeg = sniffType(Buffer.from([0xff, 0xd8, 0xff]))!;
    expect(looksComplete(jpeg, Buffer.from([1, 2, 0xff, 0xd9, 0, 0]))).toBe(true);
    expect(looksComplete(jpeg, Buffer.from([1, 2, 3]))).toBe(false);
  });
});

describe('file names', () => {
  it('keeps only a clean base name', () => {
    expect(safeFileName('../../etc/passwd.png', 'png')).toBe('passwd.png');
    expect(safeFileName('C:\\Users\\x\\surat "1".pdf', 'pdf')).toBe('surat 1.pdf');
    expect(safeFileName('a\u0007b\u0000c.pdf', 'pdf')).toBe('abc.pdf');
    expect(safeFileName('...', 'pdf')).toBe('berkas.pdf');
    expect(safeFileName(undefined, 'jpg')).toBe('berkas.jpg');
  });

  it('writes Content-Disposition with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('inline', 'Surat Dinas Ü.pdf')).toBe(
      `inline; filename="Surat Dinas _.pdf"; filename*=UTF-8''Surat%20Dinas%20%C3%9C.pdf`,
    );
  });
});

describe('byte ranges', () => {
  it('answers single ranges and refuses impossible ones', () => {
    expect(parseRange('', 100)).toBeNull();
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('invalid');
    expect(parseRange('bytes=0-1,5-6', 100)).toBe('invalid');
  });
});
