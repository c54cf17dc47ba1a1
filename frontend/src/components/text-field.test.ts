import { mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n/index.ts';
import TextField from './text-field.vue';

describe('the text field row', () => {
  it('wires label, help and error to the input; attributes to the input, class to the row', async () => {
    const wrapper = mount(TextField, {
      props: {
        id: 'meeting-start',
        label: 'Pukul mulai',
        help: 'JJ:MM',
        error: 'Jam harus berformat JJ:MM.',
        required: true,
        modelValue: '09:00',
        'onUpdate:modelValue': (value: string) => wrapper.setProps({ modelValue: value }),
      },
      attrs: { class: 'span-all', maxlength: '5', 'data-testid': 'meeting-start' },
      global: { plugins: [i18n, PrimeVue] },
    });
    const row = wrapper.get('.form-field');
    expect(row.classes()).toContain('span-all');
    expect(row.attributes('data-testid')).toBeUndefined();
    const input = wrapper.get('input');
    expect(input.attributes('id')).toBe('meeting-start');
    expect(input.attributes('maxlength')).toBe('5');
    expect(input.attributes('data-testid')).toBe('meeting-start');
    expect(input.attributes('aria-describedby')).toBe('meeting-start-help meeting-start-error');
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(input.classes()).not.toContain('span-all');
    expect(wrapper.get('label').attributes('for')).toBe('meeting-start');
    expect(wrapper.text()).toContain('Jam harus berformat JJ:MM.');
    await input.setValue('10:30');
    expect(wrapper.props('modelValue')).toBe('10:30');
  });
});
