import { describe, expect, it } from 'vitest';
import {
  DISPOSITION_STATUSES,
  nextStatus,
  TRANSITION_ACTIONS,
  type DispositionStatus,
  type TransitionAction,
} from './state-machine.ts';

/** Every (status, action) pair, spelled out: the table below is the specification. */
const EXPECTED: Record<DispositionStatus, Partial<Record<TransitionAction, DispositionStatus>>> = {
  terkirim: {
    read: 'dibaca',
    forward: 'diproses',
    report: 'diproses',
    cancel: 'dibatalkan',
    return: 'dikembalikan',
    conclude: 'selesai',
  },
  dibaca: {
    forward: 'diproses',
    report: 'diproses',
    return: 'dikembalikan',
    conclude: 'selesai',
  },
  diproses: { forward: 'diproses', report: 'diproses', complete: 'selesai', conclude: 'selesai' },
  selesai: {},
  dibatalkan: {},
  dikembalikan: {},
};

describe('disposition state machine', () => {
  for (const status of DISPOSITION_STATUSES) {
    for (const action of TRANSITION_ACTIONS) {
      const expected = EXPECTED[status][action] ?? null;
      it(`${action} from ${status} ${expected ? `leads to ${expected}` : 'is refused'}`, () => {
        expect(nextStatus(status, action)).toBe(expected);
      });
    }
  }
});
