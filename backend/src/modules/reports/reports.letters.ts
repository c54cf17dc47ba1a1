import { IncomingLetterModel } from '../letters/letters.model.ts';
import {
  guessSenderCategory,
  INCOMING_CHANNELS,
  INTERNAL_NOTE,
  SENDER_CATEGORIES,
  UNRECORDED_CHANNEL,
} from '../letters/sender-category.ts';
import { deskScope } from '../outgoing/list-keys.ts';
import { OutgoingLetterModel } from '../outgoing/outgoing.model.ts';
import { mapLimit, READS_AT_ONCE } from './reports.concurrency.ts';
import { within, type Period } from './reports.period.ts';
import { rowUnitOf, type ReportScope } from './reports.scope.ts';

/** A count under a label, in the order the report shows them. */
export interface Tally {
  key: string;
  label: string;
  count: number;
}

export interface LetterFigures {
  received: number;
  sent: number;
  incoming: {
    byRegister: Tally[];
    bySenderCategory: Tally[];
    byClassification: Tally[];
    bySecurityClass: Tally[];
    byChannel: Tally[];
  };
  outgoing: {
    /** By the recipients' category (a letter to several kinds counts once per kind). */
    byRecipientCategory: Tally[];
    byClassification: Tally[];
    bySecurityClass: Tally[];
    byChannel: Tally[];
  };
  /** Per direct sub-unit (and the unit's own positions): received and sent. */
  byUnit: Array<{ unitId: string; received: number; sent: number }>;
}

export const SECURITY_LABELS: Record<string, string> = {
  B: 'Biasa',
  T: 'Terbatas',
  R: 'Rahasia',
  SR: 'Sangat Rahasia',
};

export const DISPATCH_LABELS: Record<string, string> = {
  internal: 'Naskah dinas elektronik (Lontar)',
  kurir: 'Kurir',
  pos: 'Pos',
  email: 'Surel',
  langsung: 'Diantar langsung',
  belum: 'Belum dikirim',
};

/** The top code of a classification (`000.1.2.3` → `000`, `KP.07.6` → `KP`). */
export function topCodeOf(code: string): string {
  return (code.split('.')[0] ?? code).trim() || '-';
}

function tally(
  counts: Map<string, number>,
  labels: Record<string, string> | ((key: string) => string),
  order?: string[],
): Tally[] {
  const label = typeof labels === 'function' ? labels : (key: string) => labels[key] ?? key;
  const keys = order
    ? [...order, ...[...counts.keys()].filter((k) => !order.includes(k)).sort()]
    : [...counts.keys()].sort(
        (a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a.localeCompare(b),
      );
  return keys.map((key) => ({ key, label: label(key), count: counts.get(key) ?? 0 }));
}

const bump = (map: Map<string, number>, key: string, by = 1) =>
  map.set(key, (map.get(key) ?? 0) + by);

interface IncomingRow {
  register: string;
  status: string;
  receivedDate: string;
  senderName: string;
  notes?: string;
  senderCategory?: string | null;
  channel?: string | null;
  classificationCode: string;
  securityClass: string;
  addresseePositionId: unknown;
}

interface OutgoingRow {
  status: string;
  signedAt: Date | null;
  securityClass: string;
  classificationCode: string;
  drafter: { unitId: unknown };
  recipients?: Array<{ type: string; label: string }>;
  dispatches?: Array<{ method: string; type: string; status: string }>;
}

/**
 * Letters received (incoming letters by their date of receipt, `receivedDate` equality, one
 * read a day, a few at once) and sent (outgoing letters signed in the period, by the outgoing register's
 * `d:SR:<period>` key: every signed letter carries it, whatever its class). A unit's letters
 * are those addressed to a position of its subtree (incoming) or drafted in it (outgoing).
 * Only counts leave this function: no subject, so R/SR letters are never named.
 */
export async function letterFigures(
  scope: ReportScope,
  period: Period,
  registers: Map<string, string>,
): Promise<LetterFigures> {
  const incoming = (
    await mapLimit(period.days, READS_AT_ONCE, (day) =>
      IncomingLetterModel.find(
        { receivedDate: day },
        {
          register: 1,
          status: 1,
          receivedDate: 1,
          senderName: 1,
          notes: 1,
          senderCategory: 1,
          channel: 1,
          classificationCode: 1,
          securityClass: 1,
          addresseePositionId: 1,
        },
      ).lean<IncomingRow[]>(),
    )
  )
    .flat()
    .filter((l) => l.status !== 'pending' && l.status !== 'void')
    .filter((l) => scope.positionUnit.has(String(l.addresseePositionId)));
  const outgoing = (
    await OutgoingLetterModel.find(
      { registerKeys: `${deskScope('SR')}:${period.key}` },
      {
        status: 1,
        signedAt: 1,
        securityClass: 1,
        classificationCode: 1,
        drafter: 1,
        recipients: 1,
        dispatches: 1,
      },
    ).lean<OutgoingRow[]>()
  )
    .filter((l) => within(period, l.signedAt))
    .filter((l) => scope.subtree.has(String(l.drafter.unitId)));

  const inRegister = new Map<string, number>();
  const inSender = new Map<string, number>();
  const inClass = new Map<string, number>();
  const inSecurity = new Map<string, number>();
  const inChannel = new Map<string, number>();
  const rows = new Map<string, { received: number; sent: number }>();
  const row = (unitId: string) => {
    const key = rowUnitOf(scope, unitId);
    if (!rows.has(key)) rows.set(key, { received: 0, sent: 0 });
    return rows.get(key)!;
  };
  for (const letter of incoming) {
    bump(inRegister, letter.register);
    // Stored at registration; a letter the start-up backfill has not reached yet counts
    // by the same guess the backfill will store.
    bump(inSender, letter.senderCategory ?? guessSenderCategory(letter.senderName, letter.notes));
    bump(inClass, topCodeOf(letter.classificationCode));
    bump(inSecurity, letter.securityClass);
    bump(
      inChannel,
      letter.channel ??
        ((letter.notes ?? '').startsWith(INTERNAL_NOTE) ? 'lontar' : UNRECORDED_CHANNEL),
    );
    row(scope.positionUnit.get(String(letter.addresseePositionId))!).received++;
  }
  const outRecipient = new Map<string, number>();
  const outClass = new Map<string, number>();
  const outSecurity = new Map<string, number>();
  const outChannel = new Map<string, number>();
  for (const letter of outgoing) {
    // Internal recipients are this government's own units; external ones by their name
    // (outgoing letters keep no category of their own).
    const kinds = new Set(
      (letter.recipients ?? []).map((r) =>
        r.type === 'internal' ? 'perangkat-daerah' : guessSenderCategory(r.label),
      ),
    );
    for (const kind of kinds) bump(outRecipient, kind);
    bump(outClass, topCodeOf(letter.classificationCode));
    bump(outSecurity, letter.securityClass);
    // A letter sent several ways counts once per way (a letter to three recipients by
    // courier counts once for Kurir).
    const methods = new Set(
      (letter.dispatches ?? [])
        .filter((d) => d.status === 'sent' && d.type !== 'copy')
        .map((d) => d.method),
    );
    if (methods.size === 0) bump(outChannel, 'belum');
    for (const method of methods) bump(outChannel, method);
    row(String(letter.drafter.unitId)).sent++;
  }
  const unitOrder = [String(scope.unit._id), ...scope.children.map((c) => String(c._id))];
  return {
    received: incoming.length,
    sent: outgoing.length,
    incoming: {
      byRegister: tally(inRegister, (code) => registers.get(code) ?? code),
      bySenderCategory: tally(inSender, SENDER_CATEGORIES, Object.keys(SENDER_CATEGORIES)),
      byClassification: tally(inClass, (code) => code),
      bySecurityClass: tally(inSecurity, SECURITY_LABELS, Object.keys(SECURITY_LABELS)),
      byChannel: tally(inChannel, INCOMING_CHANNELS, Object.keys(INCOMING_CHANNELS)),
    },
    outgoing: {
      byRecipientCategory: tally(outRecipient, SENDER_CATEGORIES, Object.keys(SENDER_CATEGORIES)),
      byClassification: tally(outClass, (code) => code),
      bySecurityClass: tally(outSecurity, SECURITY_LABELS, Object.keys(SECURITY_LABELS)),
      byChannel: tally(outChannel, DISPATCH_LABELS, Object.keys(DISPATCH_LABELS)),
    },
    byUnit: unitOrder.map((unitId) => ({
      unitId,
      ...(rows.get(unitId) ?? { received: 0, sent: 0 }),
    })),
  };
}
