import type { Actor } from '../../http/actor.ts';
import { forbidden } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { PositionModel, UnitModel, type Position, type Unit } from '../org/org.model.ts';
import { signedTitle } from './acting.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';
import { renderDispositionSheet, type SheetHop } from './disposition-sheet.pdf.ts';
import { canViewJourney } from './dispositions.policy.ts';
import { getLetter } from './letter-link.ts';
import { getSettings } from './settings.service.ts';

const OPEN_ENDED = /\s*(\.{3}|…)$/;

/** GET /api/incoming-letters/:id/disposition-sheet.pdf: every hop (batch) of the letter,
 * cancelled dispositions left out as they would be struck from paper. */
export async function dispositionSheet(
  actor: Actor,
  letterId: string,
): Promise<{ pdf: Buffer; filename: string }> {
  const letter = await getLetter(actor, letterId);
  if (!canViewJourney(actor, letter))
    throw forbidden('Lembar disposisi surat rahasia hanya untuk pejabat dalam alurnya.');
  const nodes = await DispositionModel.find({ letterId: letter._id, status: { $ne: 'dibatalkan' } })
    .sort({ sentAt: 1, _id: 1 })
    .lean<Disposition[]>();
  const batches = new Map<string, Disposition[]>();
  for (const node of nodes) {
    const list = batches.get(String(node.batchId));
    if (list) list.push(node);
    else batches.set(String(node.batchId), [node]);
  }
  const settings = await getSettings();
  const senders = [...new Set(nodes.map((n) => String(n.from.positionId)))];
  const found = await PositionModel.find({ parentId: { $in: senders }, active: true }).lean<
    Position[]
  >();
  // Listed in the organisation's order: by unit, then position, as the printed form does.
  const units = await UnitModel.find(
    { _id: { $in: found.map((p) => p.unitId) } },
    { order: 1 },
  ).lean<Unit[]>();
  const unitOrder = new Map(units.map((u) => [String(u._id), u.order ?? 0]));
  const subordinates = found.sort(
    (a, b) =>
      (unitOrder.get(String(a.unitId)) ?? 0) - (unitOrder.get(String(b.unitId)) ?? 0) ||
      a.order - b.order ||
      a.title.localeCompare(b.title),
  );

  const hops: SheetHop[] = [...batches.values()].map((batch) => {
    const first = batch[0]!;
    const usual = subordinates.filter((p) => String(p.parentId) === String(first.from.positionId));
    const options = usual.map((p) => {
      const node = batch.find((n) => String(n.toPositionId) === String(p._id));
      return { title: p.title, chosen: !!node, primary: node?.role === 'primary' };
    });
    for (const node of batch) {
      if (!usual.some((p) => String(p._id) === String(node.toPositionId))) {
        options.push({
          title: node.toPositionTitle,
          chosen: true,
          primary: node.role === 'primary',
        });
      }
    }
    const instructions = settings.instructions.map((item) => {
      if (!OPEN_ENDED.test(item)) return { text: item, chosen: first.instructions.includes(item) };
      const stem = item.replace(OPEN_ENDED, '').toLowerCase();
      const chosen = first.instructions.find((text) => text.toLowerCase().startsWith(stem));
      return chosen ? { text: chosen, chosen: true } : { text: item, chosen: false };
    });
    // Instructions since removed from the list still print, ticked, at the end.
    for (const text of first.instructions) {
      if (!instructions.some((i) => i.text === text)) instructions.push({ text, chosen: true });
    }
    return {
      fromTitle: signedTitle(first.from),
      fromName: first.from.userName ?? null,
      sentAt: new Date(first.sentAt),
      options,
      instructions,
      note: first.note ?? null,
      urgency: first.urgency,
      dueDate: first.dueDate,
    };
  });
  const pdf = await renderDispositionSheet({
    letter: {
      senderName: letter.senderName,
      letterNumber: letter.letterNumber,
      letterDate: letter.letterDate,
      receivedDate: letter.receivedDate,
      agendaNumber: letter.agendaNumber ?? null,
      agendaYear: letter.agendaYear,
      subject: letter.subject,
      urgency: letter.urgency,
      securityClass: letter.securityClass,
    },
    hops,
    generatedAt: now(),
    generatedBy: actor.name,
  });
  const agenda = letter.agendaNumber
    ? `${letter.agendaNumber}-${letter.agendaYear}`
    : String(letter._id);
  return { pdf, filename: `lembar-disposisi-${agenda}.pdf` };
}
