import type { PositionInput, PositionKind } from '@/api/org.ts';
import { first, maxLength, required } from '@/lib/validation.ts';

export interface PositionForm {
  key: string;
  title: string;
  kind: PositionKind;
  unitId: string | null;
  parentId: string | null;
  order: number;
  active: boolean;
}

export type PositionField = keyof PositionForm;

export function emptyPositionForm(unitId: string | null = null): PositionForm {
  return { key: '', title: '', kind: 'staf', unitId, parentId: null, order: 0, active: true };
}

/** A stable key suggested from the title: `Kepala Bagian Tata Usaha` → `kepala-bagian-tata-usaha`. */
export function suggestKey(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** `below` are the positions reporting (directly or not) to the edited one: none of them,
 * nor the position itself, can become its superior. */
export function validatePositionForm(
  form: PositionForm,
  selfId: string | null,
  below: ReadonlySet<string>,
): Partial<Record<PositionField, string>> {
  const errors: Partial<Record<PositionField, string>> = {};
  const title = first(
    required(form.title, 'Nama jabatan wajib diisi.'),
    maxLength(form.title.trim(), 200),
  );
  if (title) errors.title = title;
  const key = form.key.trim();
  const keyProblem = first(
    required(key, 'Kunci jabatan wajib diisi.'),
    key && !/^[a-z0-9][a-z0-9_-]{1,59}$/.test(key)
      ? 'Kunci jabatan 2–60 karakter: huruf kecil, angka, _ dan -.'
      : undefined,
  );
  if (keyProblem) errors.key = keyProblem;
  if (!form.unitId) errors.unitId = 'Pilih unit kerja jabatan ini.';
  if (selfId && form.parentId && (form.parentId === selfId || below.has(form.parentId))) {
    errors.parentId = 'Atasan tidak boleh jabatan ini sendiri atau jabatan di bawahnya.';
  }
  if (!Number.isInteger(form.order) || form.order < 0)
    errors.order = 'Urutan berupa bilangan bulat 0 atau lebih.';
  return errors;
}

export function toPositionInput(form: PositionForm, mode: 'create' | 'edit'): PositionInput {
  return {
    key: form.key.trim(),
    title: form.title.trim(),
    kind: form.kind,
    unitId: form.unitId!,
    parentId: form.parentId,
    order: form.order,
    ...(mode === 'edit' ? { active: form.active } : {}),
  };
}
