import { mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import Select from 'primevue/select';
import { describe, expect, it } from 'vitest';
import type { Channel, SenderCategory } from '@/api/incoming.ts';
import { i18n } from '@/i18n/index.ts';
import SenderChannelFields from './sender-channel-fields.vue';

/** The asal pengirim and saluran penerimaan choices of the registration form and the
 * correction dialog. */
function mountFields(props: Record<string, unknown>) {
  return mount(SenderChannelFields, {
    props: {
      idPrefix: 'c',
      testidPrefix: 'c-',
      errors: {},
      category: 'ormas' as SenderCategory,
      channel: 'email' as Channel,
      ...props,
    },
    global: { plugins: [i18n, PrimeVue] },
  });
}
const channelValues = (wrapper: ReturnType<typeof mountFields>) =>
  (wrapper.findAllComponents(Select)[1]!.props('options') as Array<{ value: string }>).map(
    (o) => o.value,
  );

describe('SenderChannelFields', () => {
  it('names both fields and selects by the prefixes, with their help and errors', () => {
    const wrapper = mountFields({
      idPrefix: 'in',
      testidPrefix: undefined,
      categoryHelp: 'Terisi otomatis setelah pengirim diisi.',
      errors: { channel: 'Saluran wajib dipilih.' },
    });
    expect(wrapper.get('label[for="in-category"]').text()).toBe('Asal pengirim');
    expect(wrapper.get('label[for="in-channel"]').text()).toBe('Saluran penerimaan');
    expect(wrapper.find('[data-testid="sender-category"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="channel"]').exists()).toBe(true);
    expect(wrapper.get('#in-category-help').text()).toBe('Terisi otomatis setelah pengirim diisi.');
    expect(wrapper.get('#in-channel-error').text()).toBe('Saluran wajib dipilih.');
    expect(wrapper.text()).toContain('Organisasi masyarakat');
  });

  it("offers the clerk's channels, and a recorded one only while it is the letter's", () => {
    const clerks = ['langsung', 'pos', 'email', 'srikandi', 'faksimile', 'lainnya'];
    expect(channelValues(mountFields({}))).toEqual(clerks);
    expect(channelValues(mountFields({ recordedChannel: 'email' }))).toEqual(clerks);
    expect(channelValues(mountFields({ recordedChannel: 'lontar', channel: 'lontar' }))).toEqual([
      ...clerks,
      'lontar',
    ]);
    expect(mountFields({ recordedChannel: 'lontar', channel: 'lontar' }).text()).toContain(
      i18n.global.t('incoming.channels.lontar'),
    );
  });

  it('hands a chosen category back and says the clerk chose it', async () => {
    const wrapper = mountFields({});
    const category = wrapper.findAllComponents(Select)[0]!;
    category.vm.$emit('update:modelValue', 'dprd');
    category.vm.$emit('change', { value: 'dprd' });
    expect(wrapper.emitted('update:category')).toEqual([['dprd']]);
    expect(wrapper.emitted('pickCategory')).toHaveLength(1);
    expect(wrapper.emitted('update:channel')).toBeUndefined();
  });
});
