import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, quoteCsv } from './csv.ts';

/** A small RFC 4180 reader, to check that what we write reads back as the cells we meant. */
function parseLine(text: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= text.length) {
    if (text[i] === '"') {
      let cell = '';
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') break;
        else cell += text[i++];
      }
      cells.push(cell);
      i += 2; // closing quote and comma
    } else {
      const end = text.indexOf(',', i);
      cells.push(text.slice(i, end === -1 ? text.length : end));
      i = end === -1 ? text.length + 1 : end + 1;
    }
  }
  return cells;
}

describe('csv cells', () => {
  it('quotes cells with quotes, commas, semicolons and line breaks, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Dinas "A"')).toBe('"Dinas ""A"""');
    expect(csvCell('Jl. Merdeka, No. 1')).toBe('"Jl. Merdeka, No. 1"');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('baris 1\nbaris 2')).toBe('"baris 1\nbaris 2"');
    expect(csvCell('baris 1\r\nbaris 2')).toBe('"baris 1\r\nbaris 2"');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","klik")')).toBe(`"'=HYPERLINK(""http://x"",""klik"")"`);
    expect(csvCell('+62 812')).toBe("'+62 812");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1+1')).toBe("'\t=1+1");
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`);
    // Not at the start: harmless text.
    expect(csvCell('a=b')).toBe('a=b');
    // A lone dash is how an empty field is shown.
    expect(csvCell('-')).toBe('-');
  });

  it('writes null and undefined as empty cells and numbers as text', () => {
    expect(csvRow([null, undefined, 12, 'x'])).toBe(',,12,x');
  });

  it('reads back as the cells it was given (formulas with their guard)', () => {
    const cells = ['a,b', 'say "hi"', 'x\ny', '', '=1+1', 'plain'];
    expect(parseLine(csvRow(cells))).toEqual(['a,b', 'say "hi"', 'x\ny', '', "'=1+1", 'plain']);
  });

  it('quoteCsv quotes without touching a leading sign (for data meant to be read back)', () => {
    expect(quoteCsv('-5')).toBe('-5');
    expect(quoteCsv('=a,b')).toBe('"=a,b"');
  });
});
