import { flushPromises, mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import ToastService from 'primevue/toastservice';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '@/i18n/index.ts';
import AgendaRemindersPanel from '@/views/profile/agenda-reminders-panel.vue';
import { leadLabel, leadsSummary } from './reminder-leads.ts';

const t = i18n.global.t as (key: string, values: Record<string, unknown>) => string;
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const OPTIONS = [5, 15, 30, 60, 120, 1440, 2880];

let sent: Array<{ method: string; url: string; body: unknown }> = [];
beforeEach(() => {
  sent = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      sent.push({ method, url: String(url), body });
      if (String(url).includes('/api/agenda/positions'))
        return json(200, { items: [{ id: 'p1', title: 'Sekretaris Daerah', kept: false }] });
      if (String(url).includes('/api/agenda/reminders'))
        return json(200, {
          positionId: 'p1',
          remindBefore: method === 'PUT' ? [...body.remindBefore].sort((a, b) => b - a) : [60],
          isDefault: method !== 'PUT',
          options: OPTIONS,
          maxReminders: 3,
        });
      return json(404, { error: { code: 'NOT_FOUND', message: 'Tidak ada.' } });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('agenda reminder lead times', () => {
  it('names lead times in Indonesian, longest first', () => {
    expect(leadLabel(15, t)).toBe('15 menit sebelumnya');
    expect(leadLabel(120, t)).toBe('2 jam sebelumnya');
    expect(leadLabel(1440, t)).toBe('1 hari sebelumnya');
    expect(leadsSummary([60, 1440], t)).toBe('1 hari dan 1 jam sebelum acara');
    expect(leadsSummary([15, 60, 2880], t)).toBe('2 hari, 1 jam dan 15 menit sebelum acara');
    expect(leadsSummary([], t)).toBe('Tanpa pengingat');
  });

  it('the profile sets the default of each agenda: several at once, at most three', async () => {
    const wrapper = mount(AgendaRemindersPanel, {
      global: { plugins: [i18n, PrimeVue, ToastService] },
    });
    await flushPromises();
    expect(wrapper.text()).toContain('Sekretaris Daerah');
    expect(wrapper.text()).toContain('Belum diatur: pengingat 1 jam sebelum acara.');
    const box = (minutes: number) => wrapper.get(`#lead-p1-${minutes}`);
    expect((box(60).element as HTMLInputElement).checked).toBe(true);
    await box(1440).setValue(true);
    await box(15).setValue(true);
    // Three ticked: the others wait until one is unticked.
    expect((box(30).element as HTMLInputElement).disabled).toBe(true);
    expect((box(60).element as HTMLInputElement).disabled).toBe(false);
    await wrapper.get('[data-testid="reminder-save"]').trigger('click');
    await flushPromises();
    const puts = sent.filter((c) => c.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.url).toContain('/api/agenda/reminders');
    expect(puts[0]!.body).toEqual({ positionId: 'p1', remindBefore: [60, 1440, 15] });
    expect(wrapper.text()).not.toContain('Belum diatur');
  });
});
