import { mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import Dialog from 'primevue/dialog';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick } from 'vue';
import { keepFocusTheUserPlacedInDialogs } from './dialog-focus.ts';

keepFocusTheUserPlacedInDialogs();

/** An open dialog with one field, as the app's forms are. */
const Form = defineComponent({
  setup: () => () =>
    h(Dialog, { visible: true, header: 'Berkas baru', modal: true }, () =>
      h('input', { id: 'code' }),
    ),
});

let wrapper: ReturnType<typeof mount> | null = null;
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

async function openForm() {
  wrapper = mount(Form, { attachTo: document.body, global: { plugins: [PrimeVue] } });
  await nextTick();
  await nextTick();
  const field = document.getElementById('code') as HTMLInputElement;
  expect(field).not.toBeNull();
  // What PrimeVue runs when the opening animation ends.
  const focusOnOpen = () =>
    (wrapper!.findComponent(Dialog).vm as unknown as { focus: () => void }).focus();
  return { field, focusOnOpen };
}

describe('a dialog that finishes opening', () => {
  it('leaves the focus in the field the user already typed in', async () => {
    const { field, focusOnOpen } = await openForm();
    field.focus();
    field.value = '000.5.3';
    focusOnOpen();
    expect(document.activeElement).toBe(field);
  });

  it('still focuses itself (its close button) when the user is not in it yet', async () => {
    const { field, focusOnOpen } = await openForm();
    (document.activeElement as HTMLElement | null)?.blur();
    focusOnOpen();
    expect(document.activeElement).not.toBe(field);
    expect(document.activeElement?.closest('.p-dialog')).not.toBeNull();
  });

  it('is patched once, however often the app starts', () => {
    const methods = (Dialog as unknown as { methods: Record<string, unknown> }).methods;
    const patched = methods.focus;
    keepFocusTheUserPlacedInDialogs();
    expect(methods.focus).toBe(patched);
  });
});
