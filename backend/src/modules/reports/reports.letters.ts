import { INCOMING_CHANNELS, SENDER_CATEGORIES } from '../letters/sender-category.ts';
import { incomingTallyRows, outgoingTallyRows, topCodeOf } from './letter-tallies.ts';
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

export { topCodeOf };

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

/** The Jakarta months (`YYYY-MM`) of a period. */
function monthsOf(period: Period): string[] {
  return [...new Set(period.days.map((day) => day.slice(0, 7)))];
}

/**
 * Letters received (incoming letters by their date of receipt, one kept digest a day) and
 * sent (outgoing letters signed in the period, one kept digest a month of signing): see
 * letter-tallies.ts. A unit's letters are those addressed to a position of its subtree
 * (incoming) or drafted in it (outgoing). Only counts leave this function: no subject, so
 * R/SR letters are never named.
 */
export async function letterFigures(
  scope: ReportScope,
  period: Period,
  registers: Map<string, string>,
): Promise<LetterFigures> {
  const [allIncoming, allOutgoing] = await Promise.all([
    incomingTallyRows(period.days),
    outgoingTallyRows(monthsOf(period)),
  ]);
  const incoming = allIncoming.filter((l) => scope.positionUnit.has(l.addresseePositionId));
  const outgoing = allOutgoing
    .filter((l) => within(period, l.signedAt))
    .filter((l) => scope.subtree.has(l.drafterUnitId));

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
    bump(inSender, letter.senderCategory);
    bump(inClass, letter.classTop);
    bump(inSecurity, letter.securityClass);
    bump(inChannel, letter.channel);
    row(scope.positionUnit.get(letter.addresseePositionId)!).received++;
  }
  const outRecipient = new Map<string, number>();
  const outClass = new Map<string, number>();
  const outSecurity = new Map<string, number>();
  const outChannel = new Map<string, number>();
  for (const letter of outgoing) {
    for (const kind of letter.recipientKinds) bump(outRecipient, kind);
    bump(outClass, letter.classTop);
    bump(outSecurity, letter.securityClass);
    if (letter.methods.length === 0) bump(outChannel, 'belum');
    for (const method of letter.methods) bump(outChannel, method);
    row(letter.drafterUnitId).sent++;
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
