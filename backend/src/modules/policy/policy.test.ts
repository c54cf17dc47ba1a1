import { describe, expect, it } from 'vitest';
import type { Actor } from '../../http/actor.ts';
import { can, POLICY, reach, rolesFor, rolesReachingEverything, type Rule } from './policy.ts';

/** The evaluator itself (the rules are driven through the routes in policy.matrix.test.ts). */
function actor(overrides: Partial<Actor> = {}): Actor {
  return {
    userId: 'u1',
    username: 'u',
    name: 'U',
    roles: ['pejabat'],
    clearance: 'R',
    via: 'session',
    positions: [
      { id: 'own', title: 'Kepala Bagian', unitId: 'bagian', acting: false },
      { id: 'stand-in', title: 'Kepala Biro', unitId: 'biro', acting: true, actingKind: 'plh' },
    ],
    ...overrides,
  };
}

describe('policy evaluator', () => {
  it('counts an acting position unless the grant says acting: false', () => {
    const resource = { addresseeIds: ['stand-in'], securityClass: 'B' as const };
    expect(can(actor(), 'letter.dispose', resource)).toBe(true);
    const rule = POLICY['letter.dispose'] as Rule;
    const original = rule.grants;
    try {
      (rule as { grants: Rule['grants'] }).grants = [
        { role: 'pejabat', scope: 'addressee', acting: false },
      ];
      expect(can(actor(), 'letter.dispose', resource)).toBe(false);
      expect(can(actor(), 'letter.dispose', { addresseeIds: ['own'] })).toBe(true);
      expect(reach(actor(), 'letter.dispose').addresseePositionIds).toEqual(['own']);
    } finally {
      (rule as { grants: Rule['grants'] }).grants = original;
    }
  });

  it('applies clearance before any grant, and a grant only to its classes', () => {
    const chain = { chainIds: ['own'] };
    expect(can(actor(), 'letter.view_content', { ...chain, securityClass: 'R' })).toBe(true);
    expect(can(actor(), 'letter.view_content', { ...chain, securityClass: 'SR' })).toBe(false);
    expect(can(actor(), 'letter.view', { ...chain, securityClass: 'SR' })).toBe(true);
    const desk = actor({ roles: ['agendaris'], clearance: 'SR', positions: [] });
    expect(can(desk, 'letter.view_content', { securityClass: 'T' })).toBe(true);
    expect(can(desk, 'letter.view_content', { securityClass: 'R' })).toBe(false);
    expect(reach(desk, 'letter.view_content', 'R').any).toBe(false);
    expect(reach(desk, 'letter.view', 'SR').any).toBe(true);
  });

  it('reads unit scope from the record unit path and ownership from the owner', () => {
    const berkas = { unitPath: ['setda', 'biro', 'bagian'], securityClass: 'B' as const };
    expect(can(actor(), 'berkas.view', berkas)).toBe(true);
    expect(can(actor(), 'berkas.view', { unitPath: ['setda', 'lain'] })).toBe(false);
    expect(can(actor(), 'token.manage', { ownerUserId: 'u1' })).toBe(true);
    expect(can(actor(), 'token.manage', { ownerUserId: 'u2' })).toBe(false);
  });

  it('derives route role gates from the table', () => {
    expect(rolesFor('letter.register')).toEqual(['agendaris']);
    expect(rolesFor('org.manage')).toEqual(['admin']);
    expect(rolesFor('report.view').sort()).toEqual(['admin', 'agendaris', 'arsiparis', 'pejabat']);
    expect(rolesReachingEverything('letter.view').sort()).toEqual(['agendaris', 'arsiparis']);
  });
});
