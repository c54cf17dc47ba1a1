import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROPOSAL_KINDS } from '../archive/settings.model.ts';
import { NameBook } from './audit.names.ts';
import { auditSentence, PHRASES, WITHHELD, type AuditFacts } from './audit.sentences.ts';

/** Every action the backend records, found in the source: string literals shaped like an
 * action code (`incoming.register`, `archive.berkas.close`) in each file that appends to
 * the audit trail, plus the proposal actions built from templates. Policy questions and
 * notification kinds look the same and are left out by what precedes them. */
function recordedActions(): string[] {
  const root = join(import.meta.dirname, '..', '..');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(path);
    }
  };
  walk(root);
  const found = new Set<string>();
  const code =
    /['`]((?:auth|token|org|incoming|disposition|outgoing|archive|calendar|import)\.[a-z_]+(?:\.[a-z_]+)*)['`]/g;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (!/recordAudit\(|changed\(actor,/.test(text) || file.includes('/audit/')) continue;
    for (const match of text.matchAll(code)) {
      // Not an audit action: a policy question (`can(actor, 'letter.view')`) or a
      // notification kind (`kind: 'disposition.new'`) shaped the same.
      const before = text.slice(Math.max(0, match.index - 40), match.index);
      if (/(\bcan|rolesFor|require\w*|reach\w*)\((actor,\s*)?$|kind:\s*$|KIND\s*=\s*$/.test(before))
        continue;
      found.add(match[1]!);
    }
    // Template actions: archive.${kind}.<step> and archive.berkas.${kind}.
    if (text.includes('`archive.${')) {
      for (const kind of PROPOSAL_KINDS) {
        for (const step of ['propose', 'approve', 'reject', 'cancel', 'execute'])
          found.add(`archive.${kind}.${step}`);
      }
    }
    if (text.includes('`archive.berkas.${'))
      for (const kind of PROPOSAL_KINDS) found.add(`archive.berkas.${kind}`);
  }
  return [...found].sort();
}

const facts = (action: string, after: Record<string, unknown> = {}): AuditFacts => ({
  action,
  recordType: action.startsWith('disposition.') ? 'disposition' : 'incoming-letter',
  recordId: 'x',
  actorName: 'Budi Santoso',
  actorPositionTitle: 'Sekretaris Daerah',
  before: {},
  after,
});

describe('audit sentences', () => {
  const actions = recordedActions();

  it('finds the actions the backend records', () => {
    // The scan itself must work, or the next test would pass on nothing.
    expect(actions).toEqual(
      expect.arrayContaining([
        'incoming.register',
        'incoming.read',
        'disposition.create',
        'disposition.report',
        'disposition.conclude',
        'outgoing.dispatch',
        'archive.berkas.close',
        'archive.disposal.approve',
        'auth.pin_set',
        'org.assignment.create',
      ]),
    );
    expect(actions.length).toBeGreaterThan(80);
  });

  it('has a sentence for every recorded action', () => {
    const missing = actions.filter((action) => !(action in PHRASES));
    expect(missing, `actions without a sentence in audit.sentences.ts`).toEqual([]);
  });

  it('says each in Bahasa Indonesia without codes, even with an empty record', () => {
    const names = new NameBook();
    for (const action of actions) {
      const sentence = auditSentence(facts(action), {
        names,
        contentVisible: true,
        inLetter: false,
      });
      expect(sentence, action).toMatch(/\.$/);
      expect(sentence, action).not.toContain(action);
      expect(sentence, action).not.toMatch(/undefined|null|\[object/);
    }
  });

  it('names the values by their labels', () => {
    const sentence = auditSentence(
      facts('disposition.create', {
        batchId: '65f0c0ffee0000000000abcd',
        parentId: null,
        recipients: ['Asisten Administrasi Umum (penanggung jawab)', 'Biro Hukum (koordinasi)'],
        instructions: ['Tindak lanjuti'],
        urgency: 'sangat_segera',
        dueDate: '2026-12-09',
      }),
      { names: new NameBook(), contentVisible: true, inLetter: true },
    );
    expect(sentence).toBe(
      'Budi Santoso (Sekretaris Daerah) mendisposisikan surat ini kepada Asisten Administrasi Umum (penanggung jawab) dan Biro Hukum (koordinasi), dengan instruksi “Tindak lanjuti”, sifat Sangat Segera, batas waktu 9 Desember 2026.',
    );
  });

  it('reads a quoted note that ends in a full stop naturally', () => {
    const note = (text: string, dueDate?: string) =>
      auditSentence(
        facts('disposition.create', {
          recipients: ['Biro Hukum (penanggung jawab)'],
          note: text,
          ...(dueDate ? { dueDate } : {}),
        }),
        { names: new NameBook(), contentVisible: true, inLetter: true },
      );
    // Mid-sentence: the note's own full stop gives way to the comma.
    expect(note('Mohon segera ditindaklanjuti.', '2026-12-09')).toBe(
      'Budi Santoso (Sekretaris Daerah) mendisposisikan surat ini kepada Biro Hukum (penanggung jawab), catatan “Mohon segera ditindaklanjuti”, batas waktu 9 Desember 2026.',
    );
    // At the end: one full stop, inside the quotes; a question keeps its mark.
    expect(note('Mohon segera ditindaklanjuti.')).toMatch(
      /catatan “Mohon segera ditindaklanjuti\.”$/,
    );
    expect(note('Sudah dibahas?')).toMatch(/catatan “Sudah dibahas\?”$/);
    // An ellipsis is the writer's, kept whole.
    expect(note('Menunggu data...', '2026-12-09')).toContain('“Menunggu data...”, batas waktu');
    expect(note('Tanpa titik', '2026-12-09')).toContain('“Tanpa titik”, batas waktu');
  });

  /** What a person must never read: action codes, ids, snake_case keys, raw dates, English
   * status words (the admin's audit log, the letter's Riwayat and the outgoing history all
   * print these sentences). */
  const INTERNAL =
    /\b(?:auth|token|org|incoming|disposition|outgoing|archive|calendar|import)\.[a-z_]+|\b[a-z]+_[a-z_]+\b|[0-9a-f]{24}|\b\d{4}-\d{2}-\d{2}T|undefined|null|\b(?:draft|in_review|awaiting_signature|returned|signed|sent|pending|approved|primary|coordinate|email|internal|true|false)\b/;

  it('names statuses, roles, methods and ids by their labels for every action', () => {
    const id = '65f0c0ffee0000000000abcd';
    const coded = {
      urgency: 'sangat_segera',
      role: 'coordinate',
      as: 'copy',
      dispatched: 'Bupati Lampung Selatan (email); Kepala Biro Hukum (internal)',
      securityClass: 'SR',
      acting: true,
      actingKind: 'plt',
      method: 'pin',
      act: 'sign',
      batchId: id,
      parentId: id,
      reportId: id,
      dueDate: '2026-12-09',
      lockedUntil: '2026-12-09T03:00:00.000Z',
    };
    const names = new NameBook();
    for (const action of actions) {
      const f = facts(action, coded);
      if (action.startsWith('outgoing.')) {
        f.recordType = 'outgoing-letter';
        f.before = { status: 'draft' };
        f.after = { ...coded, status: 'in_review' };
      }
      const sentence = auditSentence(f, { names, contentVisible: true, inLetter: false });
      expect(sentence, action).not.toMatch(INTERNAL);
    }
  });

  it('withholds free text from readers who may not read the content', () => {
    const names = new NameBook();
    for (const action of ['incoming.correct', 'incoming.void', 'disposition.return']) {
      const f = facts(action, { reason: 'Isi rahasia surat.' });
      const hidden = auditSentence(f, { names, contentVisible: false, inLetter: true });
      expect(hidden, action).not.toContain('rahasia');
      expect(hidden, action).toContain(`dengan alasan ${WITHHELD}`);
      const shown = auditSentence(f, { names, contentVisible: true, inLetter: true });
      expect(shown, action).toContain('dengan alasan “Isi rahasia surat.”');
      // Its author reads again what they typed; someone else without content access not.
      f.actorUserId = 'u1';
      const own = { names, contentVisible: false, inLetter: true, readerUserId: 'u1' };
      expect(auditSentence(f, own), action).toContain('“Isi rahasia surat.”');
      expect(auditSentence(f, { ...own, readerUserId: 'u2' }), action).toContain(WITHHELD);
    }
  });
});
