import { describe, expect, it } from 'vitest';
import type { Block } from '@/api/outgoing.ts';
import { blocksToHtml, bodyLines, htmlToBlocks } from './body-html.ts';

function parse(html: string): Block[] {
  const root = document.createElement('div');
  root.innerHTML = html;
  return htmlToBlocks(root);
}

describe('letter body between the editor and the block model', () => {
  it('round-trips paragraphs with bold, numbered lists and tables', () => {
    const blocks: Block[] = [
      {
        type: 'paragraph',
        runs: [
          { text: 'Dengan hormat, ' },
          { text: 'rapat koordinasi', bold: true },
          { text: ' dilaksanakan.' },
        ],
        align: 'justify',
        indent: true,
      },
      {
        type: 'list',
        style: 'numbered',
        items: [{ runs: [{ text: 'satu;' }] }, { runs: [{ text: 'dua.' }] }],
      },
      { type: 'list', style: 'lettered', items: [{ runs: [{ text: 'huruf a' }] }] },
      {
        type: 'table',
        header: true,
        borders: true,
        rows: [
          { cells: [{ runs: [{ text: 'No.' }] }, { runs: [{ text: 'Unit' }] }] },
          { cells: [{ runs: [{ text: '1.' }] }, { runs: [{ text: 'Biro Umum' }] }] },
        ],
      },
      {
        type: 'paragraph',
        runs: [{ text: 'Tanpa inden', italic: true }],
        align: 'center',
        indent: false,
      },
    ];
    expect(parse(blocksToHtml(blocks))).toEqual(blocks);
  });

  it('escapes text so markup typed in a letter stays text', () => {
    const html = blocksToHtml([
      { type: 'paragraph', runs: [{ text: '<script>alert(1)</script> & "kutip"' }] },
    ]);
    expect(html).not.toContain('<script>');
    expect(parse(html)[0]).toMatchObject({
      runs: [{ text: '<script>alert(1)</script> & "kutip"' }],
    });
  });

  it('keeps only letter formatting from pasted markup', () => {
    const blocks = parse(
      '<div>Teks <strong>tebal</strong> <span style="color:red">merah</span><img src=x onerror=alert(1)></div><ul><li>butir</li></ul>',
    );
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        runs: [{ text: 'Teks ' }, { text: 'tebal', bold: true }, { text: ' merah' }],
        align: 'justify',
        indent: true,
      },
      { type: 'list', style: 'bullet', items: [{ runs: [{ text: 'butir' }] }] },
    ]);
  });

  it('turns loose text and line breaks into paragraphs and drops empty ones', () => {
    expect(parse('Baris lepas<p><br></p><p>Kedua<br>baris</p>')).toEqual([
      { type: 'paragraph', runs: [{ text: 'Baris lepas' }], align: 'justify', indent: true },
      { type: 'paragraph', runs: [{ text: 'Kedua\nbaris' }], align: 'justify', indent: true },
    ]);
  });

  it('reads a list the browser nested inside a paragraph as its own block', () => {
    expect(parse('<p data-indent="1">Pengantar<ol><li>satu</li></ol></p>')).toEqual([
      { type: 'paragraph', runs: [{ text: 'Pengantar' }], align: 'justify', indent: true },
      { type: 'list', style: 'numbered', items: [{ runs: [{ text: 'satu' }] }] },
    ]);
  });

  it('lists the body as lines for comparisons', () => {
    expect(
      bodyLines([
        {
          type: 'list',
          style: 'numbered',
          items: [{ runs: [{ text: 'a' }] }, { runs: [{ text: 'b' }] }],
        },
      ]),
    ).toEqual(['1. a', '2. b']);
  });
});
