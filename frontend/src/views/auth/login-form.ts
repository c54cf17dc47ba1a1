import { formatTime } from '@/lib/format.ts';
import { first, maxLength, required } from '@/lib/validation.ts';

export interface LoginInput {
  username: string;
  password: string;
}

export function validateLogin(input: LoginInput): Partial<Record<keyof LoginInput, string>> {
  return {
    username: first(
      required(input.username, 'Masukkan nama pengguna.'),
      maxLength(input.username, 100),
    ),
    password: first(
      required(input.password, 'Masukkan kata sandi.'),
      maxLength(input.password, 200),
    ),
  };
}

/** "Coba lagi pukul 09.15 WIB (sekitar 15 menit lagi)." for a lockout of `seconds`. */
export function retryMessage(seconds: number, now: Date = new Date()): string {
  const at = new Date(now.getTime() + seconds * 1000);
  const minutes = Math.ceil(seconds / 60);
  const span =
    seconds < 60
      ? `${Math.max(1, Math.ceil(seconds))} detik lagi`
      : `sekitar ${minutes} menit lagi`;
  return `Coba lagi pukul ${formatTime(at)} (${span}).`;
}

/** "14 menit 32 detik" / "45 detik": the live countdown under a lockout message. */
export function waitText(seconds: number): string {
  const total = Math.max(0, Math.ceil(seconds));
  const minutes = Math.floor(total / 60);
  const rest = total % 60;
  if (minutes === 0) return `${rest} detik`;
  return rest === 0 ? `${minutes} menit` : `${minutes} menit ${rest} detik`;
}
