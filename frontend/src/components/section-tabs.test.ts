import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import SectionTabs, { type SectionTab } from './section-tabs.vue';

const screen = { template: '<p />' };
const tabs: SectionTab[] = [
  { route: 'archive-berkas', label: 'Berkas', icon: 'pi pi-folder', prefix: 'archive-berkas' },
  { route: 'archive-loans', label: 'Peminjaman', icon: 'pi pi-arrow-right-arrow-left' },
];

async function mountAt(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/arsip/berkas', name: 'archive-berkas', component: screen },
      { path: '/arsip/berkas/:id', name: 'archive-berkas-detail', component: screen },
      { path: '/arsip/peminjaman', name: 'archive-loans', component: screen },
    ],
  });
  await router.push(path);
  return mount(SectionTabs, {
    props: { tabs, label: 'Arsip' },
    slots: {
      extra: `<template #extra="{ tab }"><b v-if="tab.route === 'archive-loans'">3</b></template>`,
    },
    global: { plugins: [router] },
  });
}

const current = (wrapper: Awaited<ReturnType<typeof mountAt>>) =>
  wrapper.findAll('a').map((link) => link.attributes('aria-current') ?? '');

describe('section tabs', () => {
  it('is a labelled navigation with the open screen marked as the current page', async () => {
    const wrapper = await mountAt('/arsip/peminjaman');
    expect(wrapper.get('nav').attributes('aria-label')).toBe('Arsip');
    expect(wrapper.findAll('a').map((link) => link.text())).toEqual(['Berkas', 'Peminjaman3']);
    expect(current(wrapper)).toEqual(['', 'page']);
    expect(wrapper.get('[aria-current="page"]').classes()).toContain('active');
  });

  it('keeps the tab current on the screens below it', async () => {
    const wrapper = await mountAt('/arsip/berkas/b1');
    expect(current(wrapper)).toEqual(['page', '']);
  });
});
