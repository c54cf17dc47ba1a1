import type { Role, SecurityClass } from '@/api/types.ts';
import type { UserCreateInput } from '@/api/org.ts';
import { email, first, maxLength, nip, required, username } from '@/lib/validation.ts';
import { newPasswordProblem } from '@/views/profile/password-rules.ts';

export interface UserForm {
  username: string;
  name: string;
  nip: string;
  /** NIK (16 digits): how BSrE knows the official; personal data. */
  nik: string;
  email: string;
  phone: string;
  rank: string;
  grade: string;
  roles: Role[];
  clearance: SecurityClass;
  /** The own (definitive) position. */
  positionId: string | null;
  /** Initial password (create) or a new one (edit); empty leaves it alone. */
  password: string;
}

export type UserField = keyof UserForm;

export function emptyUserForm(): UserForm {
  return {
    username: '',
    name: '',
    nip: '',
    nik: '',
    email: '',
    phone: '',
    rank: '',
    grade: '',
    roles: [],
    clearance: 'B',
    positionId: null,
    password: '',
  };
}

/** Checks a user form before sending. The password is optional: without one a new account
 * cannot log in until it is set; when editing, typing one resets it. */
export function validateUserForm(
  form: UserForm,
  mode: 'create' | 'edit',
): Partial<Record<UserField, string>> {
  const errors: Partial<Record<UserField, string>> = {};
  const set = (field: UserField, message: string | undefined) => {
    if (message) errors[field] = message;
  };
  if (mode === 'create')
    set(
      'username',
      first(required(form.username, 'Nama pengguna wajib diisi.'), username(form.username.trim())),
    );
  set(
    'name',
    first(required(form.name, 'Nama lengkap wajib diisi.'), maxLength(form.name.trim(), 200)),
  );
  set('nip', nip(form.nip.trim()));
  set('nik', nikProblem(form.nik));
  set('email', first(email(form.email.trim()), maxLength(form.email.trim(), 200)));
  set(
    'phone',
    form.phone.trim() && !/^[0-9+()\s-]{6,20}$/.test(form.phone.trim())
      ? 'Nomor telepon tidak valid.'
      : undefined,
  );
  set('rank', maxLength(form.rank.trim(), 100));
  set('grade', maxLength(form.grade.trim(), 20));
  if (form.password) set('password', newPasswordProblem(form.password, form.username.trim()));
  return errors;
}

/** The NIK rule the server applies: 16 digits, the first six a region code (not 0...). */
export function nikProblem(value: string): string | undefined {
  const digits = value.replace(/\s/g, '');
  if (!digits) return undefined;
  if (!/^\d{16}$/.test(digits)) return 'NIK terdiri atas 16 angka.';
  if (digits.startsWith('0')) return 'NIK tidak valid: enam angka pertamanya adalah kode wilayah.';
  return undefined;
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** The body to send: trimmed, empty optional fields as null, NIP without spaces. */
export function toUserInput(form: UserForm): UserCreateInput {
  return {
    username: form.username.trim().toLowerCase(),
    name: form.name.trim(),
    nip: orNull(form.nip.replace(/\s/g, '')),
    nik: orNull(form.nik.replace(/\s/g, '')),
    email: orNull(form.email),
    phone: orNull(form.phone),
    rank: orNull(form.rank),
    grade: orNull(form.grade),
    roles: [...form.roles],
    clearance: form.clearance,
    positionId: form.positionId,
    ...(form.password ? { password: form.password } : {}),
  };
}
