import mongoose from 'mongoose';
import { clearanceAllows, hasRole, SECURITY_CLASSES, type Actor } from '../../http/actor.ts';
import { heldPositionIds, visibleLettersFilter } from './letters.policy.ts';
import { senderKeyOf } from './letters.keys.ts';
import type { ListQuery } from './letters.schema.ts';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type Filters = Omit<ListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

/** The register's filters as one Mongo filter, always inside what the actor may see. Text
 * search does not look into the subject of letters the actor may not read. */
export function buildLetterFilter(actor: Actor, query: Filters): Record<string, unknown> {
  const and: Record<string, unknown>[] = [visibleLettersFilter(actor)];
  if (query.from || query.to) {
    and.push({
      receivedDate: {
        ...(query.from ? { $gte: query.from } : {}),
        ...(query.to ? { $lte: query.to } : {}),
      },
    });
  }
  if (query.year) and.push({ agendaYear: query.year });
  if (query.register) and.push({ register: query.register });
  if (query.sender) {
    const key = senderKeyOf(query.sender);
    if (key) and.push({ senderKey: { $regex: escapeRegex(key) } });
  }
  if (query.classification) {
    const prefix = query.classification.replace(/\.$/, '');
    // 400.1 matches 400.1 and 400.1.x, not 400.14.
    and.push({ classificationCode: { $regex: `^${escapeRegex(prefix)}(\\.|$)` } });
  }
  if (query.urgency?.length) and.push({ urgency: { $in: query.urgency } });
  if (query.securityClass?.length) and.push({ securityClass: { $in: query.securityClass } });
  if (query.status?.length) and.push({ status: { $in: query.status } });
  const mine = heldPositionIds(actor).map((id) => new mongoose.Types.ObjectId(id));
  if (query.box === 'inbox') and.push({ addresseePositionId: { $in: mine } });
  if (query.box === 'tembusan') and.push({ copyPositionIds: { $in: mine } });
  if (query.unread === 'true') and.push({ readPositionIds: { $nin: mine } });
  if (query.q) {
    const pattern = { $regex: escapeRegex(query.q.trim()), $options: 'i' };
    const agenda = /^\d+$/.test(query.q.trim()) ? [{ agendaNumber: Number(query.q.trim()) }] : [];
    and.push({
      $or: [
        ...agenda,
        { letterNumber: pattern },
        { senderName: pattern },
        // Subjects of R/SR letters only match for the readers of their content; the
        // register shows "RAHASIA" to everyone else, so it must not be searchable by them.
        { subject: pattern, securityClass: { $in: ['B', 'T'] } },
        { subject: pattern, readerPositionIds: { $in: mine } },
        { subject: pattern, registeredBy: new mongoose.Types.ObjectId(actor.userId) },
        ...(hasRole(actor, 'arsiparis')
          ? [
              {
                subject: pattern,
                securityClass: {
                  $in: SECURITY_CLASSES.filter((c) => clearanceAllows(actor.clearance, c)),
                },
              },
            ]
          : []),
      ],
    });
  }
  return and.length === 1 ? and[0]! : { $and: and };
}

export function buildLetterSort(query: Pick<ListQuery, 'sort' | 'order'>): Record<string, 1 | -1> {
  const dir = query.order === 'asc' ? 1 : -1;
  switch (query.sort) {
    case 'receivedDate':
      return { receivedDate: dir, agendaYear: dir, agendaNumber: dir };
    case 'letterDate':
      return { letterDate: dir, agendaYear: dir, agendaNumber: dir };
    case 'sender':
      return { senderKey: dir, agendaYear: -1, agendaNumber: -1 };
    case 'urgency':
      return { urgency: dir, agendaYear: -1, agendaNumber: -1 };
    default:
      return { agendaYear: dir, register: 1, agendaNumber: dir };
  }
}
