import { describe, expect, it } from 'vitest';
import { isAllowed, nextStatus, refusalReason } from './chain.ts';
import { OUTGOING_STATUSES } from './outgoing.model.ts';

describe('verification chain state machine', () => {
  it('sends a submitted draft to the first verifier, or straight to the signer without verifiers', () => {
    expect(nextStatus('draft', 'submit', { verifiersLeft: 2 })).toBe('in_review');
    expect(nextStatus('draft', 'submit', { verifiersLeft: 0 })).toBe('awaiting_signature');
    expect(nextStatus('returned', 'submit', { verifiersLeft: 1 })).toBe('in_review');
  });

  it('moves to the next verifier on approval and to the signer after the last one', () => {
    expect(nextStatus('in_review', 'approve', { verifiersLeft: 1 })).toBe('in_review');
    expect(nextStatus('in_review', 'approve', { verifiersLeft: 0 })).toBe('awaiting_signature');
  });

  it('returns to the drafter from a verifier or from the signer', () => {
    expect(nextStatus('in_review', 'return')).toBe('returned');
    expect(nextStatus('awaiting_signature', 'return')).toBe('returned');
  });

  it('signs in one change (or finishes a letter an older version left signing) and dispatches only signed letters', () => {
    expect(nextStatus('awaiting_signature', 'sign_finish')).toBe('signed');
    expect(nextStatus('awaiting_signature', 'sign_start')).toBe('signing');
    expect(nextStatus('signing', 'sign_finish')).toBe('signed');
    expect(nextStatus('in_review', 'sign_finish')).toBeNull();
    expect(nextStatus('signed', 'dispatch')).toBe('sent');
    expect(nextStatus('sent', 'dispatch')).toBe('sent');
  });

  it('refuses every edit once the letter is signed, with a reason in Bahasa Indonesia', () => {
    for (const status of ['signing', 'signed', 'sent'] as const) {
      expect(isAllowed(status, 'edit')).toBe(false);
      expect(refusalReason(status, 'edit')).toMatch(/sudah ditandatangani/);
    }
  });

  it('allows each action only in its statuses', () => {
    const allowed = (action: Parameters<typeof isAllowed>[1]) =>
      OUTGOING_STATUSES.filter((s) => isAllowed(s, action));
    expect(allowed('edit')).toEqual(['draft', 'returned']);
    expect(allowed('approve')).toEqual(['in_review']);
    expect(allowed('sign_start')).toEqual(['awaiting_signature']);
    expect(allowed('dispatch')).toEqual(['signed', 'sent']);
    expect(nextStatus('draft', 'approve')).toBeNull();
    expect(nextStatus('in_review', 'sign_start')).toBeNull();
    expect(nextStatus('draft', 'dispatch')).toBeNull();
  });
});
