import { randomInt } from 'node:crypto';
import mongoose from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import { SearchCounterModel } from './search-event.model.ts';

const LOG_ID = 'search_log_id';

/**
 * Names the database's search log for the local indexes built from it: a random number
 * written once, beside the sequence hint, with the database's name. An index built from
 * another log (another database, or this one wiped and filled again) is rebuilt; the same
 * log reached at another address (the embedded stack's ports change at every start) is not.
 * A restored older backup carries the id of its log, and the indexer's cursor check catches
 * that one.
 */
export async function searchLogSource(): Promise<string> {
  const database = mongoose.connection.name;
  const existing = await SearchCounterModel.findById(LOG_ID).lean();
  if (existing) return `${database}#${existing.value}`;
  try {
    await SearchCounterModel.create({ _id: LOG_ID, value: randomInt(1, 2 ** 47) });
  } catch (error) {
    // Another replica named the log first: use its id.
    if (!isDuplicateKey(error)) throw error;
  }
  const named = await SearchCounterModel.findById(LOG_ID).lean();
  if (!named) throw new Error('search log id vanished right after it was written');
  return `${database}#${named.value}`;
}
