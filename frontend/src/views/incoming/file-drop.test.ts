import { mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n/index.ts';
import { primeVueLocaleId } from '@/theme/primevue-locale.ts';
import FileDrop from './file-drop.vue';

const global = { plugins: [i18n, [PrimeVue, { locale: primeVueLocaleId }] as never] };
const scan = (name: string, type = 'image/jpeg') =>
  new File([new Uint8Array([1, 2, 3])], name, { type });

function mountDrop() {
  const wrapper = mount(FileDrop, {
    props: {
      modelValue: [] as File[],
      maxBytes: 1024,
      'onUpdate:modelValue': (files: File[]) => wrapper.setProps({ modelValue: files }),
    },
    global,
    attachTo: document.body,
  });
  return wrapper;
}

describe('scan drop zone', () => {
  it('takes several dropped scans at once and refuses what is not a scan, in Bahasa Indonesia', async () => {
    const wrapper = mountDrop();
    const transfer = {
      files: [
        scan('surat.jpg'),
        scan('lampiran.pdf', 'application/pdf'),
        scan('catatan.txt', 'text/plain'),
      ],
    };
    await wrapper.get('[data-testid="file-drop"]').trigger('drop', { dataTransfer: transfer });
    expect((wrapper.props('modelValue') as File[]).map((f) => f.name)).toEqual([
      'surat.jpg',
      'lampiran.pdf',
    ]);
    expect(wrapper.emitted('select')?.[0]).toEqual([0]);
    expect(wrapper.emitted('rejected')?.[0]?.[0]).toEqual([
      'catatan.txt bukan PDF, JPEG, PNG, atau TIFF.',
    ]);
    wrapper.unmount();
  });

  it('offers the phone camera and keeps the native inputs (and their English text) hidden', () => {
    const wrapper = mountDrop();
    const camera = wrapper.get<HTMLInputElement>('[data-testid="camera-input"]');
    expect(camera.attributes('capture')).toBe('environment');
    expect(camera.attributes('accept')).toBe('image/*');
    expect(camera.element.hidden).toBe(true);
    const files = wrapper.get<HTMLInputElement>('[data-testid="file-input"]');
    expect(files.element.hidden).toBe(true);
    expect(files.element.multiple).toBe(true);
    expect(wrapper.get('[data-testid="file-choose"]').text()).toBe('Pilih berkas');
    expect(wrapper.get('[data-testid="camera-choose"]').text()).toBe('Foto dengan kamera');
    wrapper.unmount();
  });
});
