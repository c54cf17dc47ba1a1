import type { Actor } from '../../http/actor.ts';
import type { Services } from '../../services.ts';
import type { SearchHit } from './engine.ts';
import { startSearchIndex } from './runtime.ts';
import type { SearchResponse } from './search.schema.ts';
import type { searchQuerySchema } from './search.schema.ts';
import { searchScope } from './search.policy.ts';
import type { z } from 'zod';

export type SearchInput = z.infer<typeof searchQuerySchema>;

/** Full-text and filtered search over the letters the actor may open; totals count only those. */
export async function searchLetters(
  services: Services,
  actor: Actor,
  input: SearchInput,
): Promise<SearchResponse> {
  const indexer = await startSearchIndex(services);
  const { q, ...filters } = input;
  const result = indexer.engine.search({ ...filters, text: q || undefined }, searchScope(actor));
  return { total: result.total, items: result.items.map(presentHit) };
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
