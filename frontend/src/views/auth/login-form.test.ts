import { describe, expect, it } from 'vitest';
import { retryMessage, validateLogin, waitText } from './login-form.ts';

describe('login form validation', () => {
  it('asks for both fields before sending', () => {
    expect(validateLogin({ username: '', password: '' })).toEqual({
      username: 'Masukkan nama pengguna.',
      password: 'Masukkan kata sandi.',
    });
    expect(validateLogin({ username: '   ', password: 'x' }).username).toBe(
      'Masukkan nama pengguna.',
    );
  });

  it('accepts a filled form', () => {
    const errors = validateLogin({ username: 'agendaris', password: 'lontar-demo' });
    expect(Object.values(errors).filter(Boolean)).toEqual([]);
  });

  it('says when a locked-out user may try again, in Jakarta time', () => {
    const now = new Date('2026-11-28T02:00:00Z'); // 09.00 WIB
    expect(retryMessage(900, now)).toBe('Coba lagi pukul 09.15 WIB (sekitar 15 menit lagi).');
    expect(retryMessage(30, now)).toBe('Coba lagi pukul 09.00 WIB (30 detik lagi).');
  });

  it('counts the lockout down in minutes and seconds', () => {
    expect(waitText(872)).toBe('14 menit 32 detik');
    expect(waitText(120)).toBe('2 menit');
    expect(waitText(44.2)).toBe('45 detik');
    expect(waitText(-3)).toBe('0 detik');
  });
});
