import { describe, expect, it } from 'vitest';
import type { Actor, Role, SecurityClass } from '../../http/actor.ts';
import { ACTIONS, can, type Action, type Resource } from './policy.ts';

/** The policy as a table: every role × every shared action × four scopes × four security
 * classes. Each cell string reads, per scope, the answers for B T R SR (Y = allowed).
 * Scopes: the actor holds the addressed position | is above it in the reporting line |
 * only shares the unit subtree | has nothing to do with the record. Every actor here is
 * cleared up to R, so SR shows the clearance rule and R the "content only in chain" rule. */
const EXPECTED: Record<Action, Record<Role, string>> = {
  'org.manage': {
    admin: 'YYYY YYYY YYYY YYYY',
    agendaris: 'NNNN NNNN NNNN NNNN',
    pejabat: 'NNNN NNNN NNNN NNNN',
    arsiparis: 'NNNN NNNN NNNN NNNN',
  },
  'audit.browse': {
    admin: 'YYYY YYYY YYYY YYYY',
    agendaris: 'NNNN NNNN NNNN NNNN',
    pejabat: 'NNNN NNNN NNNN NNNN',
    arsiparis: 'NNNN NNNN NNNN NNNN',
  },
  // In the first scope the actor also owns the record (their own token).
  'token.manage': {
    admin: 'YYYY YYYY YYYY YYYY',
    agendaris: 'YYYY NNNN NNNN NNNN',
    pejabat: 'YYYY NNNN NNNN NNNN',
    arsiparis: 'YYYY NNNN NNNN NNNN',
  },
  'letter.register': {
    admin: 'NNNN NNNN NNNN NNNN',
    agendaris: 'YYYY YYYY YYYY YYYY',
    pejabat: 'NNNN NNNN NNNN NNNN',
    arsiparis: 'NNNN NNNN NNNN NNNN',
  },
  'letter.view': {
    admin: 'NNNN NNNN NNNN NNNN',
    agendaris: 'YYYY YYYY YYYY YYYY',
    pejabat: 'YYYY YYYY YYYY NNNN',
    arsiparis: 'YYYY YYYY YYYY YYYY',
  },
  'letter.view_content': {
    admin: 'NNNN NNNN NNNN NNNN',
    agendaris: 'YYNN YYNN YYNN YYNN',
    pejabat: 'YYYN YYYN YYNN NNNN',
    arsiparis: 'YYYN YYYN YYYN YYYN',
  },
  'letter.dispose': {
    admin: 'NNNN NNNN NNNN NNNN',
    agendaris: 'NNNN NNNN NNNN NNNN',
    pejabat: 'YYYN NNNN NNNN NNNN',
    arsiparis: 'NNNN NNNN NNNN NNNN',
  },
  'outgoing.draft': {
    admin: 'NNNN NNNN NNNN NNNN',
    agendaris: 'YYYN YYYN YYYN NNNN',
    pejabat: 'YYYN YYYN YYYN NNNN',
    arsiparis: 'NNNN NNNN NNNN NNNN',
  },
  'outgoing.sign': {
    admin: 'NNNN NNNN NNNN NNNN',
    agendaris: 'NNNN NNNN NNNN NNNN',
    pejabat: 'YYYN NNNN NNNN NNNN',
    arsiparis: 'NNNN NNNN NNNN NNNN',
  },
  'outgoing.dispatch': {
    admin: 'NNNN NNNN NNNN NNNN',
    agendaris: 'YYYY YYYY YYYY YYYY',
    pejabat: 'NNNN NNNN NNNN NNNN',
    arsiparis: 'NNNN NNNN NNNN NNNN',
  },
  'archive.manage': {
    admin: 'NNNN NNNN NNNN NNNN',
    agendaris: 'NNNN NNNN NNNN NNNN',
    pejabat: 'NNNN NNNN NNNN NNNN',
    arsiparis: 'YYYN YYYN YYYN YYYN',
  },
};

const ROLES_UNDER_TEST: Role[] = ['admin', 'agendaris', 'pejabat', 'arsiparis'];
const CLASSES: SecurityClass[] = ['B', 'T', 'R', 'SR'];
// Unit tree: setda > biro > bagian (the actor's unit) ; other biro elsewhere.
const SETDA = 'u-setda';
const BIRO = 'u-biro';
const BAGIAN = 'u-bagian';
const OTHER = 'u-other';

function actorWith(role: Role): Actor {
  return {
    userId: `user-${role}`,
    username: role,
    name: role,
    roles: [role],
    clearance: 'R',
    via: 'session',
    positions: [
      {
        id: 'pos-actor',
        title: 'Kepala Bagian',
        unitId: BAGIAN,
        acting: false,
        unitPath: [SETDA, BIRO, BAGIAN],
      },
    ],
  };
}

const SCOPES: Array<{ name: string; resource: (actor: Actor) => Resource }> = [
  {
    name: 'addressee',
    resource: (actor) => ({
      unitPath: [SETDA, BIRO, BAGIAN],
      chainPositionIds: ['pos-actor'],
      chainAncestorIds: ['pos-karo', 'pos-sekda'],
      ownerUserId: actor.userId,
    }),
  },
  {
    name: 'superior',
    resource: () => ({
      unitPath: [SETDA, BIRO, BAGIAN],
      chainPositionIds: ['pos-staf'],
      chainAncestorIds: ['pos-actor', 'pos-karo', 'pos-sekda'],
      ownerUserId: 'someone-else',
    }),
  },
  {
    name: 'unit only',
    resource: () => ({
      unitPath: [SETDA, BIRO, BAGIAN],
      chainPositionIds: ['pos-staf-2'],
      chainAncestorIds: ['pos-other-kabag', 'pos-sekda'],
      ownerUserId: 'someone-else',
    }),
  },
  {
    name: 'outside',
    resource: () => ({
      unitPath: [SETDA, OTHER],
      chainPositionIds: ['pos-other'],
      chainAncestorIds: ['pos-other-karo', 'pos-sekda'],
      ownerUserId: 'someone-else',
    }),
  },
];

describe('policy matrix: role × action × scope × security class', () => {
  it('has a row for every shared action and nothing else', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    for (const role of ROLES_UNDER_TEST) {
      it(`${action} for ${role}`, () => {
        const actor = actorWith(role);
        const answers = SCOPES.map((scope) =>
          CLASSES.map((securityClass) =>
            can(actor, action, { ...scope.resource(actor), securityClass }) ? 'Y' : 'N',
          ).join(''),
        ).join(' ');
        expect(answers).toBe(EXPECTED[action][role]);
      });
    }
  }
});
