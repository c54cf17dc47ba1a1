/** The password rule as the server applies it (backend auth/password.ts): at least 10 and at
 * most 200 characters, at least 5 different characters, not containing the username, not a
 * well-known password. The block list stays on the server; the form checks the rest first
 * and shows the server's message for anything else. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
const MIN_DISTINCT = 5;

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export type ChangePasswordField = keyof ChangePasswordInput;

export function newPasswordProblem(password: string, username?: string): string | undefined {
  if (!password) return 'Masukkan kata sandi baru.';
  if (password.length < PASSWORD_MIN_LENGTH)
    return `Kata sandi minimal ${PASSWORD_MIN_LENGTH} karakter.`;
  if (password.length > PASSWORD_MAX_LENGTH)
    return `Kata sandi maksimal ${PASSWORD_MAX_LENGTH} karakter.`;
  if (new Set(password).size < MIN_DISTINCT) {
    return 'Kata sandi terlalu mudah ditebak (terlalu sedikit karakter berbeda).';
  }
  const name = username?.toLowerCase();
  if (name && name.length >= 3 && password.toLowerCase().includes(name)) {
    return 'Kata sandi tidak boleh memuat nama pengguna.';
  }
  return undefined;
}

export function validateChangePassword(
  input: ChangePasswordInput,
  username?: string,
): Partial<Record<ChangePasswordField, string>> {
  const errors: Partial<Record<ChangePasswordField, string>> = {};
  if (!input.currentPassword) errors.currentPassword = 'Masukkan kata sandi saat ini.';
  const problem = newPasswordProblem(input.newPassword, username);
  if (problem) errors.newPassword = problem;
  else if (input.newPassword === input.currentPassword) {
    errors.newPassword = 'Kata sandi baru harus berbeda dari kata sandi saat ini.';
  }
  if (!input.confirmPassword) errors.confirmPassword = 'Ulangi kata sandi baru.';
  else if (input.confirmPassword !== input.newPassword)
    errors.confirmPassword = 'Kata sandi tidak sama.';
  return errors;
}
