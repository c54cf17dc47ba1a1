import { describe, expect, it } from 'vitest';
import type { VersionContent } from '@/api/outgoing.ts';
import { attachmentLine, diffLines, versionLines } from './version-diff.ts';

function content(overrides: Partial<VersionContent> = {}): VersionContent {
  return {
    kind: 'surat_dinas',
    subject: 'Undangan rapat',
    classificationCode: '000.1',
    securityClass: 'B',
    urgency: 'biasa',
    attachmentLabel: null,
    recipients: [],
    recipientPlace: null,
    carbonCopies: [],
    body: [],
    place: 'Bandar Lampung',
    signer: {
      title: 'Sekretaris Daerah',
      mode: 'direct',
      onBehalfOfTitle: null,
      throughTitle: null,
    },
    ...overrides,
  };
}

describe('comparing versions', () => {
  it('marks added and removed lines and keeps the unchanged ones', () => {
    expect(diffLines(['Hal: A', 'satu', 'dua'], ['Hal: B', 'satu', 'dua', 'tiga'])).toEqual([
      { type: 'removed', text: 'Hal: A' },
      { type: 'added', text: 'Hal: B' },
      { type: 'same', text: 'satu' },
      { type: 'same', text: 'dua' },
      { type: 'added', text: 'tiga' },
    ]);
  });

  it('finds no difference between equal versions', () => {
    expect(diffLines(['a', 'b'], ['a', 'b']).every((line) => line.type === 'same')).toBe(true);
  });

  it('prints the Lampiran line as the PDF does: the count of attached files when no label was written', () => {
    const file = { name: 'daftar-hadir.pdf', sha256: 'ab'.repeat(32) };
    expect(attachmentLine(content({ attachments: [file] }))).toBe('1 (satu) berkas');
    expect(attachmentLine(content({ attachments: [file, file] }))).toBe('2 (dua) berkas');
    expect(
      attachmentLine(content({ attachmentLabel: '1 (satu) bendel', attachments: [file] })),
    ).toBe('1 (satu) bendel');
    expect(attachmentLine(content({ attachmentLabel: '', attachments: [] }))).toBe('-');
    expect(attachmentLine(content())).toBe('-');
    expect(versionLines(content({ attachments: [file] }))).toContain('Lampiran: 1 (satu) berkas');
  });
});
