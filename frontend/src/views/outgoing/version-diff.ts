import type { VersionContent } from '@/api/outgoing.ts';
import { bodyLines } from './body-html.ts';

const URGENCY: Record<string, string> = {
  biasa: 'Biasa',
  segera: 'Segera',
  sangat_segera: 'Sangat Segera',
};
const SECURITY: Record<string, string> = {
  B: 'Biasa',
  T: 'Terbatas',
  R: 'Rahasia',
  SR: 'Sangat Rahasia',
};

const SPELLED = [
  'nol',
  'satu',
  'dua',
  'tiga',
  'empat',
  'lima',
  'enam',
  'tujuh',
  'delapan',
  'sembilan',
  'sepuluh',
];

/** The Lampiran line as the letter prints it (backend render.service.ts commonData): the
 * drafter's own words, else "1 (satu) berkas" when files are attached, else "-". Reading
 * only `attachmentLabel` showed "-" for a letter whose PDF says "1 (satu) berkas". */
export function attachmentLine(content: VersionContent): string {
  if (content.attachmentLabel) return content.attachmentLabel;
  const count = content.attachments?.length ?? 0;
  return count > 0 ? `${count} (${SPELLED[count] ?? count}) berkas` : '-';
}

/** Versions compared line by line, as a verifier reads them: the header fields, then the
 * body's paragraphs, list items and table rows. */
export function versionLines(content: VersionContent): string[] {
  return [
    `Hal: ${content.subject}`,
    `Kode klasifikasi: ${content.classificationCode}`,
    `Sifat: ${URGENCY[content.urgency] ?? content.urgency} / ${SECURITY[content.securityClass] ?? content.securityClass}`,
    `Lampiran: ${attachmentLine(content)}`,
    ...content.recipients.map(
      (r, i) => `Tujuan ${i + 1}: ${r.label}${r.address ? `, ${r.address}` : ''}`,
    ),
    ...content.carbonCopies.map((c, i) => `Tembusan ${i + 1}: ${c.label}`),
    `Penanda tangan: ${content.signer.onBehalfOfTitle ? `a.n. ${content.signer.onBehalfOfTitle} — ` : ''}${content.signer.title}`,
    ...(content.attachments ?? []).map((a, i) => `Berkas lampiran ${i + 1}: ${a.name}`),
    ...bodyLines(content.body),
  ];
}

export interface DiffLine {
  type: 'same' | 'added' | 'removed';
  text: string;
}

/** Longest-common-subsequence diff; letters are short, so O(n·m) is fine. */
export function diffLines(before: string[], after: string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] =
        before[i] === after[j]
          ? table[i + 1]![j + 1]! + 1
          : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      out.push({ type: 'same', text: before[i]! });
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) {
      out.push({ type: 'removed', text: before[i++]! });
    } else {
      out.push({ type: 'added', text: after[j++]! });
    }
  }
  while (i < n) out.push({ type: 'removed', text: before[i++]! });
  while (j < m) out.push({ type: 'added', text: after[j++]! });
  return out;
}
