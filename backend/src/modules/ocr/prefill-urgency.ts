import { formatTanggal } from '../documents/format-id.ts';
import type { Urgency } from '../letters/letters.model.ts';
import { toIso } from './prefill.ts';

/**
 * Suggests the letter's sifat (urgency) from the text of its first page, with the reason a
 * clerk can check at a glance. Evidence, strongest first:
 * 1. the printed `Sifat :` line ("Sangat Segera", "Segera", "Penting", "Biasa", "Kilat");
 * 2. a deadline or an event in the text ("paling lambat 9 Desember 2026", "hari, tanggal :
 *    Rabu, 9 Desember 2026") close to today: the same or the next day is Sangat Segera,
 *    within three days Segera (domain.md: Segera is about two working days);
 * 3. the words themselves in the body ("sangat segera", "segera", "mendesak", "penting").
 * The most urgent of what was found is suggested; an explicit "Sifat : Biasa" stands unless a
 * near deadline says otherwise. Nothing found: no suggestion (the form keeps Biasa).
 */
export interface UrgencySuggestion {
  value: Urgency;
  /** Bahasa Indonesia, shown beside the field: "kata “segera” di halaman 1". */
  reason: string;
}

const RANK: Record<Urgency, number> = { biasa: 0, segera: 1, sangat_segera: 2 };

/** Printed sifat words → urgency. "Penting" is about importance, not speed, but a letter
 * marked so is not left in the ordinary pile: it is offered as Segera, with its reason. */
const SIFAT_WORDS: Array<[RegExp, Urgency, string]> = [
  [/sangat\s+segera|amat\s+segera/i, 'sangat_segera', 'sangat segera'],
  [/\bkilat\b/i, 'sangat_segera', 'kilat'],
  [/\bsegera\b/i, 'segera', 'segera'],
  [/\bmendesak\b/i, 'segera', 'mendesak'],
  [/\bpenting\b/i, 'segera', 'penting'],
  [/\bbiasa\b/i, 'biasa', 'biasa'],
];

// OCR reads "Sifat" as "Slfat", "S1fat"; the label may be followed by dashes or colons.
const SIFAT_LABEL = /^\s*s[i1l|]fat\s*[:;.\-—–]*\s*(.+)$/i;
const DEADLINE_CUE =
  /(paling\s+lambat|selambat[\s-]*lambatnya|batas\s+waktu|tenggat|sebelum\s+tanggal|hari\s*,?\s*tanggal|pada\s+hari|dilaksanakan\s+pada|tanggal\s*:)/i;
const DATE_WORDS = /\b(\d{1,2})\s+([A-Za-z]{3,10})\s+(\d{4})\b/g;
const DATE_NUMERIC = /\b(\d{1,2})[/-](\d{1,2})[/-](\d{4})\b/g;

export function suggestUrgency(raw: string, today: string): UrgencySuggestion | null {
  const lines = raw.split(/\r?\n/).map((line) => line.replace(/\s+/g, ' ').trim());
  const found: UrgencySuggestion[] = [];

  for (const line of lines) {
    const label = SIFAT_LABEL.exec(line);
    if (!label) continue;
    const hit = SIFAT_WORDS.find(([pattern]) => pattern.test(label[1]!));
    if (hit) {
      const printed = label[1]!.replace(/[^A-Za-z ]/g, '').trim();
      found.push({ value: hit[1], reason: `tertulis “Sifat: ${printed}” di halaman 1` });
      break;
    }
  }

  const deadline = nearestDeadline(lines, today);
  if (deadline) found.push(deadline);

  if (!found.some((f) => f.reason.startsWith('tertulis'))) {
    const body = lines.join(' ');
    for (const [pattern, value, word] of SIFAT_WORDS) {
      if (value === 'biasa') continue;
      if (pattern.test(body)) {
        found.push({ value, reason: `kata “${word}” di halaman 1` });
        break;
      }
    }
  }

  if (found.length === 0) return null;
  // Most urgent wins; on a tie the earlier (stronger) evidence gives the reason.
  return found.reduce((best, next) => (RANK[next.value] > RANK[best.value] ? next : best));
}

/** A date near a deadline or event cue (same line or the line after it), not in the past. */
function nearestDeadline(lines: string[], today: string): UrgencySuggestion | null {
  let best: { iso: string; days: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    if (!DEADLINE_CUE.test(lines[i]!)) continue;
    const scope = `${lines[i]} ${lines[i + 1] ?? ''}`;
    for (const iso of datesIn(scope)) {
      const days = daysBetween(today, iso);
      if (days < 0) continue;
      if (!best || days < best.days) best = { iso, days };
    }
  }
  if (!best || best.days > 3) return null;
  const when = best.days === 0 ? 'hari ini' : best.days === 1 ? 'besok' : `${best.days} hari lagi`;
  return {
    value: best.days <= 1 ? 'sangat_segera' : 'segera',
    reason: `batas waktu ${formatTanggal(best.iso)} (${when}) di halaman 1`,
  };
}

function datesIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(DATE_WORDS)) {
    const iso = toIso(m[1]!, m[2]!, m[3]!);
    if (iso) out.push(iso);
  }
  for (const m of text.matchAll(DATE_NUMERIC)) {
    const month = Number(m[2]);
    const day = Number(m[1]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31)
      out.push(`${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  }
  return out;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
