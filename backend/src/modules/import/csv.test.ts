import { describe, expect, it } from 'vitest';
import { readCsv } from './csv.ts';

async function rows(text: string | string[]): Promise<Array<{ line: number; fields: string[] }>> {
  const out = [];
  for await (const row of readCsv(
    (Array.isArray(text) ? text : [text]).map((t) => Buffer.from(t, 'utf8')),
  ))
    out.push(row);
  return out;
}

describe('readCsv', () => {
  it('reads comma separated rows with a BOM and CRLF', async () => {
    expect(await rows('\ufeffa,b\r\n1,2\r\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
  });

  it('detects semicolons from the header and keeps commas inside fields', async () => {
    expect(await rows('arah;perihal\nmasuk;Undangan, rapat\n')).toEqual([
      { line: 1, fields: ['arah', 'perihal'] },
      { line: 2, fields: ['masuk', 'Undangan, rapat'] },
    ]);
  });

  it('handles quotes, doubled quotes and line breaks in quoted fields, across chunk borders', async () => {
    const result = await rows(['a,b\n"x ""y""', ' z",2\n"multi\nline",3\n']);
    expect(result).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x "y" z', '2'] },
      { line: 3, fields: ['multi\nline', '3'] },
    ]);
  });

  it('skips blank lines but keeps empty fields, and reads a last line without newline', async () => {
    expect(await rows('a,b\n\n,\n1,')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['', ''] },
      { line: 4, fields: ['1', ''] },
    ]);
  });

  it('refuses an unterminated quote', async () => {
    await expect(rows('a,b\n"open,1\n')).rejects.toThrow(/kutip tidak ditutup/);
  });
});
