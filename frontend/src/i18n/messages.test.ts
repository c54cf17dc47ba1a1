import { describe, expect, it } from 'vitest';
import { collectMessages } from './index.ts';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    keys(child, prefix ? `${prefix}.${key}` : key),
  );
}

describe('messages', () => {
  it('has every Indonesian message in English too, and nothing extra', () => {
    const { id, en } = collectMessages();
    expect(keys(en).sort()).toEqual(keys(id).sort());
  });

  it('contains no raw vue-i18n special characters that would break compilation', () => {
    const { id, en } = collectMessages();
    for (const messages of [id, en]) {
      for (const key of keys(messages)) {
        const text = key.split('.').reduce<any>((node, part) => node?.[part], messages);
        // `@` starts a linked message and `|` separates plural forms in vue-i18n.
        expect(typeof text === 'string' && /[@|]/.test(text), key).toBe(false);
      }
    }
  });
});
