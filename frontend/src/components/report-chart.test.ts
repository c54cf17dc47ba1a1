import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n/index.ts';
import TallyTable from '@/views/reports/tally-table.vue';
import ReportChart from './report-chart.vue';

const global = { plugins: [i18n] };

/** Options as the server sends them (backend reports.charts.ts `barChart`). */
const bars = (values: Array<number | { value: number }>) => ({
  animation: false,
  yAxis: { type: 'category', data: ['Biro Umum', 'Biro Hukum'], axisLabel: { width: 210 } },
  xAxis: { type: 'value' },
  series: [{ type: 'bar', data: values }],
});

describe('report chart', () => {
  it('draws the options it is given as SVG', async () => {
    const wrapper = mount(ReportChart, {
      props: { option: bars([3, { value: 0 }]), label: 'Surat per unit', height: 200 },
      global,
      attachTo: document.body,
    });
    await flushPromises();
    const box = wrapper.get('.report-chart');
    expect(box.attributes('role')).toBe('img');
    expect(box.attributes('aria-label')).toBe('Surat per unit');
    expect(box.find('svg').exists()).toBe(true);
    wrapper.unmount();
  });

  it('says in words that a period has nothing to draw', async () => {
    const wrapper = mount(ReportChart, {
      props: { option: bars([{ value: 0 }, 0]), label: 'Kegiatan kearsipan' },
      global,
    });
    await flushPromises();
    expect(wrapper.find('svg').exists()).toBe(false);
    expect(wrapper.get('.report-chart-empty').text()).toBe(
      'Kegiatan kearsipan: tidak ada data pada periode ini.',
    );
  });
});

describe('tally table', () => {
  it('shows counts in Indonesian digits with a total, or that there is no data', () => {
    const wrapper = mount(TallyTable, {
      props: {
        caption: 'Surat masuk menurut sifat keamanan',
        columns: ['Kategori', 'Jumlah'],
        rows: [
          { key: 'B', label: 'Biasa', values: [1234] },
          { key: 'R', label: 'Rahasia', values: [5] },
        ],
        total: [1239],
      },
      global,
    });
    expect(wrapper.get('.tally-caption').text()).toBe('Surat masuk menurut sifat keamanan');
    expect(wrapper.get('tr[data-key="B"] td').text()).toBe('1.234');
    expect(wrapper.get('tfoot').text()).toContain('Jumlah');
    expect(wrapper.get('tfoot td').text()).toBe('1.239');
    const empty = mount(TallyTable, {
      props: { caption: 'Rapat', columns: ['Unit', 'Selesai'], rows: [] },
      global,
    });
    expect(empty.get('tbody').text()).toBe('Tidak ada data.');
  });
});
