import { describe, expect, it } from 'vitest';
import {
  checkLocalFile,
  emptyForm,
  lastChannel,
  progressPerFile,
  rememberChannel,
  toRegistrationData,
  validateForm,
} from './registration-form.ts';

/** An in-memory Storage (the browser's localStorage in the tests' place). */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

const messages = { required: 'wajib', needFile: 'berkas', future: 'masa depan' };

describe('registration form rules', () => {
  it('asks for the required fields and at least one file', () => {
    const errors = validateForm(emptyForm('2026-11-28'), 0, '2026-11-28', messages);
    expect(Object.keys(errors).sort()).toEqual([
      'classificationCode',
      'files',
      'letterDate',
      'letterNumber',
      'senderName',
      'subject',
    ]);
  });

  it('refuses a received date in the future but takes a letter dated after receipt as printed', () => {
    const form = {
      ...emptyForm('2026-11-29'),
      senderName: 'a',
      letterNumber: 'b',
      subject: 'c',
      classificationCode: '000',
      letterDate: '2026-11-30',
    };
    const errors = validateForm(form, 1, '2026-11-28', messages);
    expect(errors).toEqual({ receivedDate: 'masa depan' });
  });

  it('sends only what was filled in, trimmed', () => {
    const data = toRegistrationData(
      {
        ...emptyForm('2026-11-28'),
        senderName: ' Dinas ',
        letterNumber: '1',
        subject: 'x',
        classificationCode: '000',
        letterDate: '2026-11-01',
      },
      false,
    );
    expect(data).toMatchObject({
      senderName: 'Dinas',
      summary: undefined,
      copyPositionIds: undefined,
      confirmDuplicate: undefined,
    });
  });

  it('checks type and size in the browser before uploading', () => {
    const file = (name: string, type: string, size: number) =>
      new File([new Uint8Array(size)], name, { type });
    expect(checkLocalFile(file('a.pdf', 'application/pdf', 10), 100)).toBeNull();
    expect(checkLocalFile(file('a.tif', '', 10), 100)).toBeNull();
    expect(checkLocalFile(file('a.exe', 'application/x-msdownload', 10), 100)).toBe('wrongType');
    expect(checkLocalFile(file('a.pdf', 'application/pdf', 200), 100)).toBe('tooLarge');
    expect(checkLocalFile(file('a.pdf', 'application/pdf', 0), 100)).toBe('empty');
  });

  it('spreads upload progress over the files in order', () => {
    expect(progressPerFile([100, 300], 0.5)).toEqual([1, 1 / 3]);
    expect(progressPerFile([100, 300], 1)).toEqual([1, 1]);
  });

  it('sends the sender category and channel; an unoffered category is left to the server', () => {
    const filled = {
      ...emptyForm('2026-11-28', { channel: 'srikandi' }),
      senderName: 'DPRD Provinsi Lampung',
      letterNumber: '1',
      subject: 'x',
      classificationCode: '000',
      letterDate: '2026-11-01',
    };
    expect(validateForm(filled, 1, '2026-11-28', messages)).toEqual({});
    expect(toRegistrationData(filled, false)).toMatchObject({
      senderCategory: undefined,
      channel: 'srikandi',
    });
    expect(toRegistrationData({ ...filled, senderCategory: 'dprd' }, false)).toMatchObject({
      senderCategory: 'dprd',
      channel: 'srikandi',
    });
  });

  it("defaults the channel to the clerk's last choice on this device, per clerk", () => {
    const storage = memoryStorage();
    expect(lastChannel('u1', storage)).toBe('langsung');
    rememberChannel('u1', 'email', storage);
    expect(lastChannel('u1', storage)).toBe('email');
    expect(lastChannel('u2', storage)).toBe('langsung');
    // A value the form no longer offers (an older version's, or edited by hand) is ignored.
    storage.setItem('lontar.registration.channel.u1', 'lontar');
    expect(lastChannel('u1', storage)).toBe('langsung');
  });
});
