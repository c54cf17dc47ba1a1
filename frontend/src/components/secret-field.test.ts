import { mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { i18n } from '@/i18n/index.ts';
import SecretField from './secret-field.vue';

/** The one secret control of the profile's password and PIN forms and the re-auth dialog. */
function mountField(kind: 'password' | 'pin', error?: string) {
  const value = ref('');
  const wrapper = mount(
    defineComponent({
      setup: () => () =>
        h(SecretField, {
          id: 'rahasia',
          label: 'Rahasia',
          kind,
          error,
          required: true,
          modelValue: value.value,
          'onUpdate:modelValue': (v: string) => (value.value = v),
        }),
    }),
    { global: { plugins: [i18n, PrimeVue] } },
  );
  return { wrapper, value };
}

describe('SecretField', () => {
  it('asks for a PIN on the numeric keypad, six digits at most, masked, never autofilled', async () => {
    const { wrapper, value } = mountField('pin');
    const input = wrapper.get('input#rahasia');
    expect(input.attributes()).toMatchObject({
      type: 'password',
      inputmode: 'numeric',
      maxlength: '6',
      autocomplete: 'off',
    });
    await input.setValue('482916');
    expect(value.value).toBe('482916');
    expect(wrapper.get('label').attributes('for')).toBe('rahasia');
  });

  it('asks for a password masked, with a show/hide toggle and no strength meter, and shows its error', async () => {
    const { wrapper, value } = mountField('password', 'Kata sandi wajib diisi.');
    const input = wrapper.get('input#rahasia');
    expect(input.attributes('type')).toBe('password');
    expect(input.attributes('autocomplete')).toBe('current-password');
    expect(input.attributes('aria-describedby')).toContain('rahasia-error');
    expect(
      wrapper.find('.p-password-toggle-mask-icon, [data-pc-section="maskicon"]').exists(),
    ).toBe(true);
    expect(wrapper.text()).toContain('Kata sandi wajib diisi.');
    await input.setValue('rahasia-saya');
    expect(value.value).toBe('rahasia-saya');
  });
});
