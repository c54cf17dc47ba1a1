import { mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, type PropType } from 'vue';
import { ApiError, ACTION_NETWORK_ERROR_MESSAGE } from '@/api/http.ts';
import ActionError from '@/components/action-error.vue';
import AsyncContent from '@/components/async-content.vue';
import LoadingSkeleton from '@/components/loading-skeleton.vue';
import { i18n } from '@/i18n/index.ts';
import { useAction } from './use-action.ts';
import { useAsyncState } from './use-async-state.ts';

/** A promise the test settles by hand: no timers, no timing. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const dropped = () => new ApiError(0, 'NETWORK_ERROR', ACTION_NETWORK_ERROR_MESSAGE);
const global = { plugins: [i18n, PrimeVue] };

describe('useAsyncState', () => {
  it('is pending (skeleton) until the first answer, then loaded', async () => {
    const answer = deferred<string>();
    const state = useAsyncState(() => answer.promise);
    expect(state.status.value).toBe('idle');
    const loading = state.load();
    expect(state.status.value).toBe('loading');
    expect(state.pending.value).toBe(true);
    answer.resolve('surat');
    await loading;
    expect(state.status.value).toBe('loaded');
    expect(state.pending.value).toBe(false);
    expect(state.data.value).toBe('surat');
  });

  it('shows an error with retry when the first load fails, and recovers on retry', async () => {
    let fail = true;
    const state = useAsyncState(async () => {
      if (fail) throw dropped();
      return 1;
    });
    await state.load();
    expect(state.status.value).toBe('error');
    expect(state.error.value).toBe(ACTION_NETWORK_ERROR_MESSAGE);
    fail = false;
    await state.retry();
    expect(state.status.value).toBe('loaded');
    expect(state.error.value).toBeNull();
  });

  it('keeps the data on screen and marks it stale when a refresh fails', async () => {
    let fail = false;
    const state = useAsyncState(async () => {
      if (fail) throw new ApiError(503, 'SERVICE_UNAVAILABLE', 'Layanan terganggu.');
      return ['a'];
    });
    await state.load();
    fail = true;
    const refresh = state.load();
    expect(state.refreshing.value).toBe(true);
    await refresh;
    expect(state.status.value).toBe('stale');
    expect(state.data.value).toEqual(['a']);
  });

  it("puts an action's answer on screen at once, and an older load's answer cannot undo it", async () => {
    const answer = deferred<{ status: string }>();
    const state = useAsyncState(() => answer.promise);
    const loading = state.load();
    state.set({ status: 'selesai' });
    expect(state.data.value).toEqual({ status: 'selesai' });
    answer.resolve({ status: 'diproses' });
    await loading;
    expect(state.data.value).toEqual({ status: 'selesai' });
    state.update((d) => ({ ...d, status: 'dibatalkan' }));
    expect(state.data.value).toEqual({ status: 'dibatalkan' });
  });

  it('keeps only the latest of two overlapping loads', async () => {
    const first = deferred<number>();
    const second = deferred<number>();
    const answers = [first, second];
    const state = useAsyncState(() => answers.shift()!.promise);
    const a = state.load();
    const b = state.load();
    second.resolve(2);
    await b;
    first.resolve(1);
    await a;
    expect(state.data.value).toBe(2);
  });
});

describe('useAction', () => {
  it('runs once at a time: a second click while it runs is ignored', async () => {
    const answer = deferred<string>();
    let calls = 0;
    const action = useAction(() => {
      calls += 1;
      return answer.promise;
    });
    const first = action.run();
    expect(action.running.value).toBe(true);
    await expect(action.run()).resolves.toBeUndefined();
    answer.resolve('ok');
    await expect(first).resolves.toBe('ok');
    expect(calls).toBe(1);
    expect(action.running.value).toBe(false);
  });

  it('hands the answer to onSuccess before it resolves', async () => {
    const seen: string[] = [];
    const action = useAction(async (id: string) => ({ id, status: 'selesai' }), {
      onSuccess: (result) => void seen.push(`${result.id}:${result.status}`),
    });
    await action.run('d1');
    expect(seen).toEqual(['d1:selesai']);
  });

  it('keeps a dropped action with its arguments so "Coba lagi" repeats it', async () => {
    const sent: string[] = [];
    let online = false;
    const action = useAction(async (note: string) => {
      if (!online) throw dropped();
      sent.push(note);
      return note;
    });
    await expect(action.run('laporan')).resolves.toBeUndefined();
    expect(action.error.value).toBe(ACTION_NETWORK_ERROR_MESSAGE);
    expect(action.connectionLost.value).toBe(true);
    expect(action.canRetry.value).toBe(true);
    online = true;
    await expect(action.retry()).resolves.toBe('laporan');
    expect(sent).toEqual(['laporan']);
    expect(action.error.value).toBeNull();
    expect(action.canRetry.value).toBe(false);
  });
});

describe('feedback components', () => {
  it('shows a skeleton of the right shape, announced as loading', () => {
    const wrapper = mount(LoadingSkeleton, { props: { variant: 'tiles', rows: 6 }, global });
    expect(wrapper.get('[data-testid="loading-skeleton"]').attributes('aria-busy')).toBe('true');
    expect(wrapper.findAll('.tile')).toHaveLength(6);
    expect(wrapper.text()).toContain('Memuat…');
  });

  it('frames loading, failure with retry, and stale data', async () => {
    const retries: number[] = [];
    const Host = defineComponent({
      props: {
        pending: { type: Boolean, required: true },
        error: { type: String as PropType<string | null>, default: null },
        hasData: { type: Boolean, required: true },
      },
      setup(props) {
        return () =>
          h(
            AsyncContent,
            {
              pending: props.pending,
              error: props.error,
              hasData: props.hasData,
              variant: 'detail',
              onRetry: () => retries.push(1),
            },
            { default: () => h('p', { class: 'content' }, 'Isi surat') },
          );
      },
    });
    const wrapper = mount(Host, {
      props: { pending: true, error: null, hasData: false },
      global,
    });
    expect(wrapper.find('[data-testid="loading-skeleton"]').exists()).toBe(true);
    expect(wrapper.find('.content').exists()).toBe(false);

    await wrapper.setProps({ pending: false, error: 'Server tidak dapat dihubungi.' });
    expect(wrapper.find('[data-testid="loading-skeleton"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="load-error"]').text()).toContain(
      'Server tidak dapat dihubungi.',
    );
    expect(wrapper.find('.content').exists()).toBe(false);
    await wrapper.get('[data-testid="load-retry"]').trigger('click');
    expect(retries).toHaveLength(1);

    await wrapper.setProps({ hasData: true });
    expect(wrapper.find('.content').exists()).toBe(true);
    expect(wrapper.get('[data-testid="stale-notice"]').text()).toContain('usang');

    await wrapper.setProps({ error: null });
    expect(wrapper.find('[data-testid="stale-notice"]').exists()).toBe(false);
    expect(wrapper.get('.content').text()).toBe('Isi surat');
  });

  it('offers "Coba lagi" on a failed action only when it can be repeated', async () => {
    const wrapper = mount(ActionError, {
      props: { error: ACTION_NETWORK_ERROR_MESSAGE, canRetry: true },
      global,
    });
    expect(wrapper.text()).toContain('belum pasti tersimpan');
    await wrapper.get('[data-testid="action-retry"]').trigger('click');
    expect(wrapper.emitted('retry')).toHaveLength(1);
    await wrapper.setProps({ canRetry: false });
    expect(wrapper.find('[data-testid="action-retry"]').exists()).toBe(false);
    await wrapper.setProps({ error: null });
    expect(wrapper.find('[data-testid="action-error"]').exists()).toBe(false);
  });
});
