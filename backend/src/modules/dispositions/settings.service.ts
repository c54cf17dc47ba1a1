import type { Actor } from '../../http/actor.ts';
import { validationFailed } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { addWorkingDays } from '../calendar/calendar.service.ts';
import { DispositionSettingsModel, type DispositionSettings } from './settings.model.ts';
import type { Urgency } from './state-machine.ts';
import { retryUpsertOnDuplicate } from '../../lib/upsert.ts';

/** The standard instructions of the lembar disposisi (domain.md §4). An entry ending in
 * "..." takes a completion, e.g. "Koordinasikan dengan Biro Hukum". */
export const DEFAULT_INSTRUCTIONS = [
  'Untuk diketahui',
  'Tindak lanjuti',
  'Pelajari dan laporkan',
  'Tanggapan dan saran',
  'Siapkan bahan',
  'Siapkan konsep jawaban',
  'Hadiri',
  'Wakili',
  'Dampingi',
  'Jadwalkan',
  'Koordinasikan dengan ...',
  'Edarkan',
  'Ikuti perkembangannya',
  'Temui saya',
  'Arsipkan',
];

/** Default batas waktu per sifat, in working days: Segera about two working days, Sangat
 * Segera the same day (domain.md §3); Biasa a working week *(verify)*. */
export const DEFAULT_DUE_WORKING_DAYS: Record<Urgency, number> = {
  biasa: 5,
  segera: 2,
  sangat_segera: 0,
};

const SETTINGS_ID = 'default';

export interface Settings {
  instructions: string[];
  dueWorkingDays: Record<Urgency, number>;
}

let epoch = 0;
/** Bumped by every save made by this process: a cache of the settings (the awaiting list's
 * due dates, awaiting.ts) compares it to drop what it holds. */
export function settingsEpoch(): number {
  return epoch;
}

/** The saved settings, or the defaults until an admin saves some (nothing to seed). */
export async function getSettings(): Promise<Settings> {
  const saved = await DispositionSettingsModel.findById(SETTINGS_ID).lean<DispositionSettings>();
  if (!saved)
    return {
      instructions: [...DEFAULT_INSTRUCTIONS],
      dueWorkingDays: { ...DEFAULT_DUE_WORKING_DAYS },
    };
  const due: Partial<Record<Urgency, number>> = saved.dueWorkingDays ?? {};
  return {
    instructions: [...saved.instructions],
    dueWorkingDays: {
      biasa: due.biasa ?? DEFAULT_DUE_WORKING_DAYS.biasa,
      segera: due.segera ?? DEFAULT_DUE_WORKING_DAYS.segera,
      sangat_segera: due.sangat_segera ?? DEFAULT_DUE_WORKING_DAYS.sangat_segera,
    },
  };
}

export async function saveSettings(next: Settings, actor: Actor): Promise<Settings> {
  const before = await getSettings();
  const unique = [...new Set(next.instructions.map((item) => item.trim()).filter(Boolean))];
  if (unique.length === 0) throw validationFailed('Daftar instruksi tidak boleh kosong.');
  // Two first saves at once race to insert the one document (lib/upsert.ts).
  await retryUpsertOnDuplicate(() =>
    DispositionSettingsModel.updateOne(
      { _id: SETTINGS_ID },
      {
        $set: {
          instructions: unique,
          dueWorkingDays: next.dueWorkingDays,
          updatedBy: actor.userId,
        },
      },
      { upsert: true },
    ),
  );
  epoch += 1;
  const after = await getSettings();
  await recordAudit({
    actor,
    action: 'disposition.settings.update',
    recordType: 'disposition-settings',
    recordId: SETTINGS_ID,
    before: { ...before },
    after: { ...after },
  });
  return after;
}

const OPEN_ENDED = /\s*\.{3}$|\s*…$/;

/** Checks each instruction against the configured list (an open-ended entry accepts its
 * completion) and returns them in the list's order, without duplicates. */
export function normaliseInstructions(requested: string[], settings: Settings): string[] {
  const chosen: Array<{ order: number; text: string }> = [];
  const seen = new Set<string>();
  for (const raw of requested) {
    const text = raw.trim().replace(/\s+/g, ' ');
    const order = settings.instructions.findIndex((item) => {
      if (!OPEN_ENDED.test(item)) return item.toLowerCase() === text.toLowerCase();
      const stem = item.replace(OPEN_ENDED, '').toLowerCase();
      return text.toLowerCase().startsWith(stem);
    });
    if (order < 0) {
      throw validationFailed(`Instruksi "${text}" tidak ada dalam daftar instruksi disposisi.`, {
        issues: [{ path: 'instructions', message: `Instruksi "${text}" tidak dikenal.` }],
      });
    }
    const template = settings.instructions[order]!;
    const finalText = OPEN_ENDED.test(template) ? text : template;
    const completion = text
      .slice(template.replace(OPEN_ENDED, '').length)
      .replace(/[.…\s]+$/, '')
      .trim();
    if (OPEN_ENDED.test(template) && completion === '') {
      throw validationFailed(`Lengkapi instruksi "${template}".`, {
        issues: [{ path: 'instructions', message: `Lengkapi instruksi "${template}".` }],
      });
    }
    if (seen.has(finalText.toLowerCase())) continue;
    seen.add(finalText.toLowerCase());
    chosen.push({ order, text: finalText });
  }
  if (chosen.length === 0) {
    throw validationFailed('Pilih sedikitnya satu instruksi.', {
      issues: [{ path: 'instructions', message: 'Pilih sedikitnya satu instruksi.' }],
    });
  }
  return chosen.sort((a, b) => a.order - b.order).map((item) => item.text);
}

/** The default batas waktu of a disposition from the letter's addressee: the urgency's
 * working days from `today`. */
export async function defaultDueDate(
  urgency: Urgency,
  today: string,
  settings: Settings,
): Promise<string> {
  return addWorkingDays(today, settings.dueWorkingDays[urgency]);
}

/**
 * The latest batas waktu a forward may carry, which is also its default (issue 15): the
 * deadline the sender was given. A forward inherits it unless the official shortens it; a
 * later one is refused. When the parent's deadline has already passed, today is the latest
 * (a deadline cannot lie in the past).
 */
export function forwardDueLimit(parentDueDate: string, today: string): string {
  return parentDueDate < today ? today : parentDueDate;
}
