import { defineStore } from 'pinia';
import type { ReauthSecret } from '@/api/auth.ts';
import { computed, ref } from 'vue';
import { errorMessage } from '@/api/http.ts';
import {
  createOutgoing,
  dispatchOutgoing,
  getOutgoing,
  outgoingHistory,
  outgoingPositions,
  outgoingVersions,
  reviewOutgoing,
  signOutgoing,
  submitOutgoing,
  updateOutgoing,
  type DraftInput,
  type HistoryEntry,
  type OutgoingLetter,
  type PositionChoice,
  type Version,
} from '@/api/outgoing.ts';

/** The letter being worked on (detail, editor) and the organisation's positions for the
 * drafting form. Lists live in their screens (usePagedList); this store owns what several
 * screens share, with its own loading and error state. Reset on logout by the reset plugin. */
export const useOutgoingStore = defineStore('outgoing', () => {
  const positions = ref<PositionChoice[]>([]);
  const letter = ref<OutgoingLetter | null>(null);
  const history = ref<HistoryEntry[]>([]);
  const versions = ref<Version[]>([]);
  const loading = ref(false);
  const busy = ref(false);
  const error = ref<string | null>(null);
  /** Bumped after each change so page images are fetched again. */
  const stamp = ref(0);

  const positionById = computed(() => new Map(positions.value.map((p) => [p.id, p])));

  async function loadPositions(force = false): Promise<void> {
    if (positions.value.length > 0 && !force) return;
    try {
      positions.value = (await outgoingPositions()).items;
    } catch (caught) {
      error.value = errorMessage(caught);
    }
  }

  async function load(id: string): Promise<void> {
    loading.value = true;
    error.value = null;
    // Another letter's page must not stand in for this one while it loads (a skeleton does).
    if (letter.value && letter.value.id !== id) letter.value = null;
    try {
      const [detail, hist, vers] = await Promise.all([
        getOutgoing(id),
        outgoingHistory(id),
        outgoingVersions(id),
      ]);
      letter.value = detail;
      history.value = hist.items;
      versions.value = vers.items;
      stamp.value += 1;
    } catch (caught) {
      letter.value = null;
      error.value = errorMessage(caught);
    } finally {
      loading.value = false;
    }
  }

  /** Runs a change; the letter comes back from the server, history is refreshed. Throws so
   * forms can show field errors; `error` keeps the message for the screen. */
  async function change(run: () => Promise<OutgoingLetter>): Promise<OutgoingLetter> {
    busy.value = true;
    error.value = null;
    try {
      const updated = await run();
      letter.value = updated;
      stamp.value += 1;
      // The change is done and on screen: a failed refresh of the side panels must not
      // report it as failed (they catch up on the next load).
      try {
        const [hist, vers] = await Promise.all([
          outgoingHistory(updated.id),
          outgoingVersions(updated.id),
        ]);
        history.value = hist.items;
        versions.value = vers.items;
      } catch {
        // keep the previous history and versions
      }
      return updated;
    } catch (caught) {
      error.value = errorMessage(caught);
      throw caught;
    } finally {
      busy.value = false;
    }
  }

  const create = (input: DraftInput) => change(() => createOutgoing(input));
  const save = (id: string, input: Partial<DraftInput> & { revision?: number }) =>
    change(() => updateOutgoing(id, input));
  const submit = (id: string) => change(() => submitOutgoing(id));
  const review = (
    id: string,
    decision: 'approve' | 'return',
    note?: string,
    secret?: ReauthSecret,
  ) => change(() => reviewOutgoing(id, decision, note, secret));
  const sign = (id: string, secret: { passphrase: string }) =>
    change(() => signOutgoing(id, secret));
  const dispatch = (id: string, external: Parameters<typeof dispatchOutgoing>[1]) =>
    change(() => dispatchOutgoing(id, external));

  return {
    positions,
    positionById,
    letter,
    history,
    versions,
    loading,
    busy,
    error,
    stamp,
    loadPositions,
    load,
    create,
    save,
    submit,
    review,
    sign,
    dispatch,
  };
});
