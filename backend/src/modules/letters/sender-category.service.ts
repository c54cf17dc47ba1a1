import { senderKeyOf } from './letters.keys.ts';
import { SenderModel } from './letters.model.ts';
import { guessSenderCategory, type SenderCategory } from './sender-category.ts';

export interface CategorySuggestion {
  category: SenderCategory;
  /** `address-book`: what clerks chose for this sender before; `guess`: from the name. */
  source: 'address-book' | 'guess';
}

/** The category the registration form offers for a sender: the address book's (one read
 * by `nameKey`, its unique index) else the guess from the name. */
export async function suggestSenderCategory(
  senderName: string,
  notes = '',
): Promise<CategorySuggestion> {
  const nameKey = senderKeyOf(senderName);
  const known = nameKey
    ? await SenderModel.findOne({ nameKey }, { category: 1 }).lean<{ category?: string }>()
    : null;
  if (known?.category)
    return { category: known.category as SenderCategory, source: 'address-book' };
  return { category: guessSenderCategory(senderName, notes), source: 'guess' };
}
