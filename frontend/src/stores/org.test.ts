import { describe, expect, it } from 'vitest';
import type { Unit } from '@/api/org.ts';
import { buildUnitTree, flattenUnitTree } from './org.ts';

const unit = (id: string, parentId: string | null, order: number, name = id): Unit => ({
  id,
  code: id.toUpperCase(),
  name,
  kind: 'biro',
  parentId,
  ancestorIds: [],
  order,
  active: true,
});

describe('unit tree', () => {
  it('nests units under their parents in display order', () => {
    const tree = buildUnitTree([
      unit('ass3', 'setda', 3),
      unit('setda', null, 0),
      unit('ass1', 'setda', 1),
      unit('bum', 'ass3', 2),
      unit('borg', 'ass3', 1),
    ]);
    expect(tree.map((n) => n.key)).toEqual(['setda']);
    expect(tree[0]!.children.map((n) => n.key)).toEqual(['ass1', 'ass3']);
    expect(tree[0]!.children[1]!.children.map((n) => n.key)).toEqual(['borg', 'bum']);
  });

  it('keeps units with a missing parent visible as roots', () => {
    const tree = buildUnitTree([unit('a', null, 0), unit('orphan', 'gone', 0)]);
    expect(tree.map((n) => n.key).sort()).toEqual(['a', 'orphan']);
  });

  it('flattens depth-first with depth for indented pickers', () => {
    const options = flattenUnitTree(
      buildUnitTree([unit('root', null, 0), unit('child', 'root', 0), unit('leaf', 'child', 0)]),
    );
    expect(options.map((o) => [o.value, o.depth])).toEqual([
      ['root', 0],
      ['child', 1],
      ['leaf', 2],
    ]);
  });
});
