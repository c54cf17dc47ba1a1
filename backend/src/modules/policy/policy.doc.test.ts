import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderPolicyTable, SECURITY_DOC, withCurrentTable } from './policy.doc.ts';

describe('docs/security.md shows the policy that runs', () => {
  it('has the table rendered from POLICY (run `node backend/src/modules/policy/policy.doc.ts` to refresh)', () => {
    const doc = readFileSync(SECURITY_DOC, 'utf8');
    expect(doc).toContain(renderPolicyTable());
    expect(withCurrentTable(doc)).toBe(doc);
  });
});
