import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ROLES, SECURITY_CLASSES, type Role } from '../../http/actor.ts';
import { ACTIONS, POLICY, type Grant, type Rule, type Scope } from './policy.ts';

/**
 * Renders the POLICY table into docs/security.md between the two markers below, so the
 * document shows the rules that run and nothing else. `node
 * backend/src/modules/policy/policy.doc.ts` rewrites the section; policy.doc.test.ts fails
 * when it is stale.
 */
export const BEGIN = '<!-- policy-table:begin (generated from modules/policy/policy.ts) -->';
export const END = '<!-- policy-table:end -->';
export const SECURITY_DOC = fileURLToPath(new URL('../../../../docs/security.md', import.meta.url));

const SCOPE_WORDS: Record<Scope, string> = {
  any: 'semua',
  chain: 'rantai',
  addressee: 'jabatan tujuan',
  unit: 'unit & di bawahnya',
  own: 'miliknya',
};

function cell(rule: Rule, role: Role): string {
  const grants = rule.grants.filter((g) => g.role === role || g.role === '*');
  if (grants.length === 0) return '—';
  return grants
    .map((grant: Grant) => {
      const classes = grant.classes ?? SECURITY_CLASSES;
      const cleared = rule.clearance ? ' ≤ izin' : '';
      const classText =
        classes.length === SECURITY_CLASSES.length
          ? `semua kelas${cleared}`
          : `${classes.join('/')}${cleared}`;
      const acting =
        grant.scope === 'any' || grant.scope === 'own'
          ? ''
          : grant.acting === false
            ? ', tanpa Plt/Plh'
            : ', Plt/Plh ya';
      return `${SCOPE_WORDS[grant.scope]} (${classText}${acting})`;
    })
    .join('; ');
}

export function renderPolicyTable(): string {
  const header = `| tindakan | ${ROLES.join(' | ')} |`;
  const rule = `|---|${ROLES.map(() => '---').join('|')}|`;
  const rows = ACTIONS.map((action) => {
    const r: Rule = POLICY[action];
    return `| \`${action}\`: ${r.summary} | ${ROLES.map((role) => cell(r, role)).join(' | ')} |`;
  });
  return [BEGIN, header, rule, ...rows, END].join('\n');
}

/** The document with its policy section replaced by the current rendering. */
export function withCurrentTable(doc: string): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/security.md lacks the ${BEGIN} markers`);
  return doc.slice(0, start) + renderPolicyTable() + doc.slice(end + END.length);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SECURITY_DOC, withCurrentTable(readFileSync(SECURITY_DOC, 'utf8')));
  console.log(`policy table written to ${SECURITY_DOC}`);
}
