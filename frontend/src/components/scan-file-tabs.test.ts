import { mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import ScanFileTabs from './scan-file-tabs.vue';

/** The scan switcher of a disposition's scan column (disposition page, disposing a letter). */
function mountTabs(files: Array<{ id: string; name: string }>) {
  const index = ref(0);
  const wrapper = mount(
    defineComponent({
      setup: () => () =>
        h(ScanFileTabs, {
          files,
          modelValue: index.value,
          'onUpdate:modelValue': (v: number) => (index.value = v),
        }),
    }),
    { global: { plugins: [PrimeVue] } },
  );
  return { wrapper, index };
}

describe('ScanFileTabs', () => {
  it('numbers the scans, names them for screen readers, and switches to the one clicked', async () => {
    const { wrapper, index } = mountTabs([
      { id: 'a', name: 'surat.pdf' },
      { id: 'b', name: 'lampiran.pdf' },
    ]);
    const buttons = wrapper.findAll('button');
    expect(buttons.map((b) => b.text())).toEqual(['1', '2']);
    expect(buttons.map((b) => b.attributes('aria-label'))).toEqual(['surat.pdf', 'lampiran.pdf']);
    await buttons[1]!.trigger('click');
    expect(index.value).toBe(1);
    // The chosen scan is the filled button, the others outlined.
    expect(wrapper.findAll('button').map((b) => b.classes('p-button-outlined'))).toEqual([
      true,
      false,
    ]);
  });

  it('shows nothing for a single scan', () => {
    const { wrapper } = mountTabs([{ id: 'a', name: 'surat.pdf' }]);
    expect(wrapper.find('button').exists()).toBe(false);
  });
});
