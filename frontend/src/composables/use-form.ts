import { reactive, ref, type Ref } from 'vue';
import { ApiError, errorMessage } from '@/api/http.ts';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export interface FormState<F extends string> {
  /** Message per field, shown under the field. */
  errors: FieldErrors<F>;
  /** Message for the whole form (the server's refusal, or "check the marked fields"). */
  formError: Ref<string | null>;
  /** The ApiError behind formError, for screens that react to its code. */
  lastError: Ref<ApiError | null>;
  submitting: Ref<boolean>;
  clear(): void;
  /** Validates first; sends only when valid. Server refusals land in errors/formError.
   * Resolves true when the action succeeded. */
  submit(validate: () => FieldErrors<F>, action: () => Promise<void>): Promise<boolean>;
}

export const FORM_INVALID_MESSAGE = 'Periksa kembali isian yang ditandai.';

/** Form state shared by every form: client validation before sending, then the server's
 * message (and its per-field issues, `details.issues[].path`) when it refuses. */
export function useForm<F extends string>(fields: readonly F[]): FormState<F> {
  const errors = reactive({}) as FieldErrors<F>;
  const formError = ref<string | null>(null);
  const lastError = ref<ApiError | null>(null);
  const submitting = ref(false);

  function clear(): void {
    for (const key of Object.keys(errors)) delete errors[key as F];
    formError.value = null;
    lastError.value = null;
  }

  async function submit(
    validate: () => FieldErrors<F>,
    action: () => Promise<void>,
  ): Promise<boolean> {
    if (submitting.value) return false;
    clear();
    const found = validate();
    const invalid = Object.entries(found).filter(([, message]) => !!message);
    if (invalid.length > 0) {
      Object.assign(errors, Object.fromEntries(invalid));
      formError.value = FORM_INVALID_MESSAGE;
      return false;
    }
    submitting.value = true;
    try {
      await action();
      return true;
    } catch (caught) {
      if (caught instanceof ApiError) {
        lastError.value = caught;
        for (const [path, message] of Object.entries(caught.fieldErrors())) {
          const field = fields.find((name) => path === name || path.startsWith(`${name}.`));
          if (field) errors[field] ??= message;
        }
      }
      formError.value = errorMessage(caught);
      return false;
    } finally {
      submitting.value = false;
    }
  }

  return { errors, formError, lastError, submitting, clear, submit };
}
