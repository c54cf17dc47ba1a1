import type { Actor } from '../../http/actor.ts';
import type { Services } from '../../services.ts';
import type { SearchHit } from './engine.ts';
import { startSearchIndex } from './runtime.ts';
import type { MEETING_MATCHES, SearchOptions, SearchResponse } from './search.schema.ts';
import { validationFailed } from '../../http/errors.ts';
import { classesReached } from '../policy/policy.ts';
import { IncomingRegisterModel, type IncomingRegister } from '../letters/letters.model.ts';
import { listRegisters } from '../letters/registers.service.ts';
import type { ParsedQuery } from './analysis.ts';
import type { searchQuerySchema } from './search.schema.ts';
import { searchScope } from './search.policy.ts';
import type { z } from 'zod';
import { MeetingModel, type Meeting } from '../meetings/meeting.model.ts';
import { canViewMeeting } from '../meetings/meetings.policy.ts';
import { minutesNoteId } from '../meetings/meetings.search.ts';

const SECURITY_CLASS_NAMES = {
  B: 'Biasa',
  T: 'Terbatas',
  R: 'Rahasia',
  SR: 'Sangat Rahasia',
} as const;

export type SearchInput = z.infer<typeof searchQuerySchema>;

/** Full-text and filtered search over the letters the actor may open; totals count only those. */
export async function searchLetters(
  services: Services,
  actor: Actor,
  input: SearchInput,
): Promise<SearchResponse> {
  const { q, ...filters } = input;
  if (
    filters.securityClass &&
    !classesReached(actor, 'letter.view_content').includes(filters.securityClass)
  )
    throw validationFailed(
      `Anda tidak berwenang melihat surat bersifat ${SECURITY_CLASS_NAMES[filters.securityClass]}.`,
      { field: 'securityClass' },
    );
  const registerIsDefault = filters.register
    ? (await IncomingRegisterModel.findOne({ code: filters.register }).lean<IncomingRegister>())
        ?.isDefault === true
    : false;
  const indexer = await startSearchIndex(services);
  const result = indexer.engine.search(
    { ...filters, registerIsDefault, text: q || undefined },
    searchScope(actor),
  );
  const meetings = await meetingsOfHits(actor, result.items);
  const items = result.items.flatMap((hit) => {
    if (hit.direction !== 'meeting') return [presentHit(hit)];
    const meeting = meetings.get(hit.letterId);
    return meeting ? [presentMeetingHit(hit, meeting)] : [];
  });
  return {
    total: result.total - (result.items.length - items.length),
    items,
    ...(result.suggestion
      ? {
          suggestion: {
            q: result.suggestion.text,
            total: result.suggestion.total,
            ...(result.suggestion.capped ? { more: true } : {}),
          },
        }
      : {}),
    ...(result.corrected ? { corrected: result.corrected } : {}),
  };
}

/** What the filter panel offers this user: the classes they may see, the registers. */
export async function searchOptions(actor: Actor): Promise<SearchOptions> {
  const registers = await listRegisters();
  return {
    securityClasses: classesReached(actor, 'letter.view_content'),
    registers: registers.map((r) => ({ code: r.code, name: r.name, isDefault: !!r.isDefault })),
  };
}

/** The query as search runs it (prefixes expanded through this replica's vocabulary), for
 * marking the words it matches elsewhere (match.ts, the page highlight). */
export async function parseSearchQuery(services: Services, q: string): Promise<ParsedQuery> {
  const indexer = await startSearchIndex(services);
  return indexer.engine.parse(q);
}

export async function rebuildSearchIndex(services: Services) {
  const indexer = await startSearchIndex(services);
  return indexer.rebuild();
}

function presentHit(hit: SearchHit): SearchResponse['items'][number] {
  return {
    letterId: hit.letterId,
    direction: hit.direction,
    ...(hit.agendaNumber ? { agendaNumber: hit.agendaNumber } : {}),
    letterNumber: hit.letterNumber,
    subject: hit.subject,
    ...(hit.senderName ? { senderName: hit.senderName } : {}),
    ...(hit.recipientName ? { recipientName: hit.recipientName } : {}),
    date: hit.date,
    ...(hit.classificationCode ? { classificationCode: hit.classificationCode } : {}),
    securityClass: hit.securityClass,
    ...(hit.status ? { status: hit.status } : {}),
    snippet: hit.snippet,
    ...(hit.page ? { page: hit.page } : {}),
    ...(hit.fileId ? { fileId: hit.fileId } : {}),
  };
}

/** The meetings of a page's meeting hits, each one `_id` read (at most a page of them, side
 * by side): their start time, which scan is which, and the policy asked once more on the
 * record itself (the index's copy of the access rule may trail a change by an event). */
async function meetingsOfHits(actor: Actor, hits: SearchHit[]): Promise<Map<string, Meeting>> {
  const ids = [...new Set(hits.filter((h) => h.direction === 'meeting').map((h) => h.letterId))];
  const found = await Promise.all(
    ids.map((id) =>
      /^[0-9a-f]{24}$/i.test(id) ? MeetingModel.findById(id).lean<Meeting>() : null,
    ),
  );
  return new Map(
    found
      // A cancelled meeting is removed from the index when cancelled; an index that trails
      // (or a change published just after the cancel) must not bring it back.
      .filter((m): m is Meeting => !!m && m.status !== 'batal' && canViewMeeting(actor, m))
      .map((m) => [String(m._id), m]),
  );
}

/** Which part of the meeting holds the words: a page of one of its two scans, its drafted
 * minutes, its follow-up (the decisions' note, followUpsNoteId, and any disposition note or
 * report an older version indexed under the meeting), else the record (title, place, chair). */
function meetingMatch(hit: SearchHit, meeting: Meeting): (typeof MEETING_MATCHES)[number] {
  if (hit.matched === 'page')
    return (hit.fileId ?? '') === String(meeting.attendanceSheetFileId ?? '')
      ? 'daftar_hadir'
      : 'pindaian_notulen';
  if (hit.matched === 'note')
    return hit.noteId === minutesNoteId(String(meeting._id)) ? 'notulen' : 'tindak_lanjut';
  return 'rapat';
}

function presentMeetingHit(hit: SearchHit, meeting: Meeting): SearchResponse['items'][number] {
  return {
    ...presentHit(hit),
    letterNumber: null,
    subject: meeting.title,
    meeting: {
      id: String(meeting._id),
      title: meeting.title,
      startAt: new Date(meeting.startAt).toISOString(),
      matchedIn: meetingMatch(hit, meeting),
    },
  };
}
