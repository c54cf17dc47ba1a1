import { flushPromises, mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n/index.ts';
import { primeVueLocaleId } from '@/theme/primevue-locale.ts';
import DateField from './date-field.vue';
import FilePicker from './file-picker.vue';

const global = { plugins: [i18n, [PrimeVue, { locale: primeVueLocaleId }] as never] };

describe('date field', () => {
  it('shows an API date as dd/mm/yyyy and writes typed dd/mm/yyyy back as YYYY-MM-DD', async () => {
    const wrapper = mount(DateField, {
      props: {
        modelValue: '2026-12-07',
        testid: 'due',
        'onUpdate:modelValue': (value: string | null) => wrapper.setProps({ modelValue: value }),
      },
      global,
      attachTo: document.body,
    });
    const input = wrapper.get<HTMLInputElement>('[data-testid="due"]');
    expect(input.element.value).toBe('07/12/2026');
    await input.setValue('31/12/2026');
    await flushPromises();
    expect(wrapper.props('modelValue')).toBe('2026-12-31');
    wrapper.unmount();
  });

  it('opens a calendar in Bahasa Indonesia whose week starts on Monday', async () => {
    const wrapper = mount(DateField, {
      props: { modelValue: '2026-12-07', testid: 'day' },
      global,
      attachTo: document.body,
    });
    await wrapper.get('[data-testid="day"]').trigger('focus');
    await wrapper.get('[data-testid="day"]').trigger('click');
    await flushPromises();
    const panel = document.body.querySelector('.p-datepicker-panel');
    expect(panel?.textContent).toContain('Desember');
    const heads = Array.from(document.body.querySelectorAll('.p-datepicker-weekday')).map((cell) =>
      cell.textContent?.trim(),
    );
    expect(heads[0]).toBe('Sn');
    expect(heads).not.toContain('Mo');
    wrapper.unmount();
  });

  it('picks a month as mm/yyyy and YYYY-MM', () => {
    const wrapper = mount(DateField, {
      props: { modelValue: '2026-03', view: 'month', testid: 'month' },
      global,
    });
    expect(wrapper.get<HTMLInputElement>('[data-testid="month"]').element.value).toBe('03/2026');
  });
});

describe('file picker', () => {
  it('is a button in Bahasa Indonesia that names the chosen file', async () => {
    const wrapper = mount(FilePicker, {
      props: { label: 'Pilih berkas zip', accept: '.zip', testid: 'zip' },
      global,
    });
    expect(wrapper.get('button').text()).toContain('Pilih berkas zip');
    expect(wrapper.get('[data-testid="file-picker-chosen"]').text()).toBe(
      'Belum ada berkas dipilih',
    );
    const input = wrapper.get<HTMLInputElement>('[data-testid="zip"]');
    const file = new File(['PK'], 'arsip-1995.zip', { type: 'application/zip' });
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
    await input.trigger('change');
    expect(wrapper.emitted('select')?.[0]?.[0]).toEqual([file]);
    expect(wrapper.get('[data-testid="file-picker-chosen"]').text()).toBe('arsip-1995.zip');
  });
});
