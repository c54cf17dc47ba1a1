import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { errorMessage } from '@/api/http.ts';
import { listPositions, listUnits, type Position, type Unit } from '@/api/org.ts';

export interface UnitTreeNode {
  key: string;
  label: string;
  data: Unit;
  children: UnitTreeNode[];
}

export interface UnitOption {
  value: string;
  label: string;
  depth: number;
  unit: Unit;
}

/** Builds the unit tree (ordered by `order`, then name); units whose parent is missing
 * become roots so nothing disappears from view. */
export function buildUnitTree(units: readonly Unit[]): UnitTreeNode[] {
  const ids = new Set(units.map((u) => u.id));
  const byParent = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const parent = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null;
    const list = byParent.get(parent) ?? [];
    list.push(unit);
    byParent.set(parent, list);
  }
  const sort = (list: Unit[]) =>
    [...list].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, 'id'));
  const visit = (parent: string | null, seen: Set<string>): UnitTreeNode[] =>
    sort(byParent.get(parent) ?? [])
      .filter((unit) => !seen.has(unit.id))
      .map((unit) => {
        const next = new Set(seen).add(unit.id);
        return { key: unit.id, label: unit.name, data: unit, children: visit(unit.id, next) };
      });
  return visit(null, new Set());
}

/** The tree flattened depth-first, for selects that show the hierarchy by indentation. */
export function flattenUnitTree(nodes: readonly UnitTreeNode[], depth = 0): UnitOption[] {
  return nodes.flatMap((node) => [
    { value: node.key, label: node.label, depth, unit: node.data },
    ...flattenUnitTree(node.children, depth + 1),
  ]);
}

/** The organisation's units and positions, loaded once and shared by every screen that picks
 * a unit or a position (admin screens, disposition recipients, letter addressees). Call
 * `loadUnits()`/`loadPositions()` on mount; pass `true` to reload after a change. */
export const useOrgStore = defineStore('org', () => {
  const units = ref<Unit[]>([]);
  const positions = ref<Position[]>([]);
  const unitsLoaded = ref(false);
  const positionsLoaded = ref(false);
  /** Whether the lists hold inactive entries too (admin screens ask for them). */
  const withInactive = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);

  const unitTree = computed(() => buildUnitTree(units.value));
  const unitOptions = computed(() => flattenUnitTree(unitTree.value));
  const unitById = computed(() => new Map(units.value.map((u) => [u.id, u])));
  const positionById = computed(() => new Map(positions.value.map((p) => [p.id, p])));

  /** `includeInactive` is for admin screens; pickers elsewhere show active units only. */
  async function loadUnits(force = false, includeInactive = false): Promise<void> {
    if (unitsLoaded.value && !force) return;
    loading.value = true;
    error.value = null;
    try {
      units.value = await listUnits({ includeInactive });
      withInactive.value = includeInactive;
      unitsLoaded.value = true;
    } catch (caught) {
      error.value = errorMessage(caught);
    } finally {
      loading.value = false;
    }
  }

  async function loadPositions(force = false, includeInactive = false): Promise<void> {
    if (positionsLoaded.value && !force) return;
    loading.value = true;
    error.value = null;
    try {
      positions.value = await listPositions({ includeInactive });
      positionsLoaded.value = true;
    } catch (caught) {
      error.value = errorMessage(caught);
    } finally {
      loading.value = false;
    }
  }

  function unitName(id: string | null | undefined): string {
    return (id && unitById.value.get(id)?.name) || '';
  }

  function positionTitle(id: string | null | undefined): string {
    return (id && positionById.value.get(id)?.title) || '';
  }

  return {
    units,
    positions,
    unitsLoaded,
    positionsLoaded,
    withInactive,
    loading,
    error,
    unitTree,
    unitOptions,
    unitById,
    positionById,
    loadUnits,
    loadPositions,
    unitName,
    positionTitle,
  };
});
