import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { Actor, Role, SecurityClass } from '../../http/actor.ts';
import type { OutgoingLetter, OutgoingStatus } from './outgoing.model.ts';
import {
  canDispatch,
  canDraft,
  canEdit,
  canSee,
  isCurrentVerifier,
  isSigner,
} from './outgoing.policy.ts';

const id = () => new mongoose.Types.ObjectId();
const P = { drafter: id(), verifier: id(), signer: id(), recipient: id(), other: id() };

function actor(
  roles: Role[],
  positions: mongoose.Types.ObjectId[],
  clearance: SecurityClass = 'B',
  acting = false,
): Actor {
  return {
    userId: String(id()),
    username: 'x',
    name: 'X',
    roles,
    clearance,
    positions: positions.map((p) => ({
      id: String(p),
      title: 't',
      unitId: String(id()),
      acting,
      actingKind: acting ? 'plh' : null,
    })),
    via: 'session',
  };
}

function letter(
  status: OutgoingStatus,
  securityClass: SecurityClass = 'B',
  sent = false,
): OutgoingLetter {
  return {
    status,
    securityClass,
    currentStep: 0,
    drafter: {
      userId: id(),
      name: 'D',
      positionId: P.drafter,
      positionTitle: 'Staf',
      unitId: id(),
    },
    verifiers: [{ positionId: P.verifier, title: 'Kabag', decision: 'pending' }],
    signer: { positionId: P.signer, title: 'Asisten', mode: 'direct' },
    participantPositionIds: [P.drafter, P.verifier, P.signer, ...(sent ? [P.recipient] : [])],
  } as unknown as OutgoingLetter;
}

describe('outgoing letter policy matrix', () => {
  const drafter = actor(['pejabat'], [P.drafter]);
  const verifier = actor(['pejabat'], [P.verifier]);
  const actingSigner = actor(['pejabat'], [P.signer], 'B', true);
  const recipient = actor(['pejabat'], [P.recipient]);
  const outsider = actor(['pejabat'], [P.other], 'SR');
  const desk = actor(['agendaris'], [P.other], 'T');
  const archivist = actor(['arsiparis'], [P.other], 'R');

  it('lets officials and the desk draft, as a position they hold; not archivists or people without one', () => {
    expect(canDraft(drafter)).toBe(true);
    expect(canDraft(desk)).toBe(true);
    expect(canDraft(archivist)).toBe(false);
    expect(canDraft(actor(['pejabat'], []))).toBe(false);
  });

  it('shows drafts only to their chain, whatever the clearance', () => {
    const draft = letter('in_review');
    expect([drafter, verifier, actingSigner].map((a) => canSee(a, draft))).toEqual([
      true,
      true,
      true,
    ]);
    expect([recipient, outsider, desk, archivist].map((a) => canSee(a, draft))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('shows signed letters to the desk and archivists up to their clearance, and to recipients once sent', () => {
    const cases: Array<[SecurityClass, boolean, boolean]> = [
      ['B', true, true],
      ['T', true, true],
      ['R', false, true],
      ['SR', false, false],
    ];
    for (const [securityClass, deskSees, archivistSees] of cases) {
      const signed = letter('signed', securityClass);
      expect(canSee(desk, signed)).toBe(deskSees);
      expect(canSee(archivist, signed)).toBe(archivistSees);
      expect(canSee(outsider, signed)).toBe(false);
      expect(canSee(recipient, signed)).toBe(false);
      expect(canSee(recipient, letter('sent', securityClass, true))).toBe(true);
    }
  });

  it('gives each step to its position only: edit to the drafter, paraf to the current verifier, signature to the signer (Plh too)', () => {
    const review = letter('in_review');
    expect([drafter, verifier, actingSigner, desk].map((a) => canEdit(a, review))).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect([drafter, verifier, actingSigner].map((a) => isCurrentVerifier(a, review))).toEqual([
      false,
      true,
      false,
    ]);
    expect(isCurrentVerifier(verifier, letter('draft'))).toBe(false);
    expect([drafter, verifier, actingSigner].map((a) => isSigner(a, review))).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('lets only the cleared desk dispatch (domain.md §1), not the drafter or the signer', () => {
    expect(canDispatch(desk, letter('signed', 'T'))).toBe(true);
    expect(canDispatch(desk, letter('signed', 'R'))).toBe(false);
    expect(canDispatch(drafter, letter('signed', 'SR'))).toBe(false);
    expect(canDispatch(actingSigner, letter('signed'))).toBe(false);
    expect(canDispatch(verifier, letter('signed'))).toBe(false);
    expect(canDispatch(outsider, letter('signed'))).toBe(false);
  });
});
