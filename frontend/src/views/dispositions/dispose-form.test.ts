import { describe, expect, it } from 'vitest';
import {
  emptyDisposeForm,
  toDispatchInput,
  toggleRecipient,
  validateDisposeForm,
} from './dispose-form.ts';

const today = '2026-11-30';

describe('dispose form', () => {
  it('makes the first recipient ticked the penanggung jawab and passes the role on when removed', () => {
    let state = emptyDisposeForm('segera');
    state = toggleRecipient(state, 'a');
    state = toggleRecipient(state, 'b');
    expect(state).toMatchObject({ recipients: ['a', 'b'], primary: 'a' });
    state = toggleRecipient(state, 'a');
    expect(state).toMatchObject({ recipients: ['b'], primary: 'b' });
    state = toggleRecipient(state, 'b');
    expect(state).toMatchObject({ recipients: [], primary: null });
  });

  it('needs a recipient, an instruction, completed open-ended instructions and a deadline not in the past', () => {
    const empty = validateDisposeForm(emptyDisposeForm('biasa'), today);
    expect(empty.recipients).toMatch(/penerima/);
    expect(empty.instructions).toMatch(/instruksi/);
    const state = {
      ...toggleRecipient(emptyDisposeForm('biasa', '2026-11-29'), 'a'),
      instructions: ['Koordinasikan dengan ...'],
    };
    const errors = validateDisposeForm(state, today);
    expect(errors.instructions).toMatch(/Lengkapi/);
    expect(errors.dueDate).toMatch(/sebelum hari ini/);
    expect(
      validateDisposeForm(
        { ...state, completions: { 'Koordinasikan dengan ...': 'Biro Hukum' }, dueDate: today },
        today,
      ),
    ).toEqual({});
  });

  it('builds the request with roles and completed instructions', () => {
    const state = {
      ...toggleRecipient(toggleRecipient(emptyDisposeForm('segera', '2026-12-02'), 'a'), 'b'),
      instructions: ['Tindak lanjuti', 'Koordinasikan dengan ...'],
      completions: { 'Koordinasikan dengan ...': ' Biro Hukum ' },
      note: '  Segera laporkan.  ',
    };
    expect(toDispatchInput(state)).toEqual({
      recipients: [
        { positionId: 'a', role: 'primary' },
        { positionId: 'b', role: 'coordinate' },
      ],
      instructions: ['Tindak lanjuti', 'Koordinasikan dengan Biro Hukum'],
      note: 'Segera laporkan.',
      dueDate: '2026-12-02',
      urgency: 'segera',
    });
  });

  it("refuses a forward's deadline past the one the sender was given", () => {
    const state = {
      ...toggleRecipient(emptyDisposeForm('segera', '2026-12-04'), 'a'),
      instructions: ['Tindak lanjuti'],
    };
    expect(validateDisposeForm(state, today, '2026-12-03').dueDate).toMatch(
      /tidak boleh melewati batas waktu disposisi yang Anda terima \(3 Desember 2026\)/,
    );
    expect(validateDisposeForm({ ...state, dueDate: '2026-12-03' }, today, '2026-12-03')).toEqual(
      {},
    );
    expect(validateDisposeForm({ ...state, dueDate: '2026-12-01' }, today, '2026-12-03')).toEqual(
      {},
    );
  });
});
