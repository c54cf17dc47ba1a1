import type { UnitInput, UnitKind } from '@/api/org.ts';
import { first, maxLength, required } from '@/lib/validation.ts';

export interface UnitForm {
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  order: number;
  active: boolean;
}

export type UnitField = keyof UnitForm;

export function emptyUnitForm(parentId: string | null = null): UnitForm {
  return { code: '', name: '', kind: 'bagian', parentId, order: 0, active: true };
}

/** `descendants` are the ids below the unit being edited: a unit cannot move under itself. */
export function validateUnitForm(
  form: UnitForm,
  selfId: string | null,
  descendants: ReadonlySet<string>,
): Partial<Record<UnitField, string>> {
  const errors: Partial<Record<UnitField, string>> = {};
  const code = form.code.trim();
  const codeProblem = first(
    required(code, 'Kode unit wajib diisi.'),
    maxLength(code, 30),
    code && !/^[A-Za-z0-9.-]+$/.test(code)
      ? 'Kode unit hanya boleh berisi huruf, angka, titik, dan tanda hubung.'
      : undefined,
  );
  if (codeProblem) errors.code = codeProblem;
  const name = first(
    required(form.name, 'Nama unit wajib diisi.'),
    maxLength(form.name.trim(), 200),
  );
  if (name) errors.name = name;
  if (selfId && form.parentId && (form.parentId === selfId || descendants.has(form.parentId))) {
    errors.parentId = 'Unit induk tidak boleh unit ini sendiri atau unit di bawahnya.';
  }
  if (!Number.isInteger(form.order) || form.order < 0)
    errors.order = 'Urutan berupa bilangan bulat 0 atau lebih.';
  return errors;
}

/** A new unit is always active; `active` is sent only when editing. */
export function toUnitInput(form: UnitForm, mode: 'create' | 'edit' = 'edit'): UnitInput {
  return {
    code: form.code.trim().toUpperCase(),
    name: form.name.trim(),
    kind: form.kind,
    parentId: form.parentId,
    order: form.order,
    ...(mode === 'edit' ? { active: form.active } : {}),
  };
}
