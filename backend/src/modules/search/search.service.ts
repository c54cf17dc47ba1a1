import type { Actor } from '../../http/actor.ts';
import type { Services } from '../../services.ts';
import type { SearchHit } from './engine.ts';
import { startSearchIndex } from './runtime.ts';
import type { SearchOptions, SearchResponse } from './search.schema.ts';
import { validationFailed } from '../../http/errors.ts';
import { classesReached } from '../policy/policy.ts';
import { IncomingRegisterModel, type IncomingRegister } from '../letters/letters.model.ts';
import { listRegisters } from '../letters/registers.service.ts';
import type { ParsedQuery } from './analysis.ts';
import type { searchQuerySchema } from './search.schema.ts';
import { searchScope } from './search.policy.ts';
import type { z } from 'zod';

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
  return {
    total: result.total,
    items: result.items.map(presentHit),
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
