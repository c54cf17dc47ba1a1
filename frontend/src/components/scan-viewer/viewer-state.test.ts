import { beforeEach, describe, expect, it } from 'vitest';
import {
  commandForKey,
  drawnWidth,
  fittedWidth,
  imageWidthFor,
  rotate,
  savedRotation,
  saveRotation,
  stepZoom,
} from './viewer-state.ts';

const A4 = 297 / 210;
const box = { width: 600, height: 500 };
const key = (k: string, mods: Partial<KeyboardEvent> = {}) =>
  commandForKey({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('scan viewer arithmetic', () => {
  beforeEach(() => sessionStorage.clear());

  it('steps the zoom from any factor to the next step, within the bounds', () => {
    expect(stepZoom(1, 1)).toBe(1.25);
    expect(stepZoom(1.1, 1)).toBe(1.25);
    expect(stepZoom(1.1, -1)).toBe(1);
    expect(stepZoom(0.5, -1)).toBe(0.5);
    expect(stepZoom(4, 1)).toBe(4);
  });

  it('fits a page to the width or whole, upright and turned', () => {
    expect(fittedWidth('width', A4, 0, box)).toBe(600);
    // Whole page: the height (500) bounds an A4 page: 500 / 1.414.
    expect(fittedWidth('page', A4, 0, box)).toBeCloseTo(500 / A4, 5);
    // Turned a quarter, the page's height lies across: it is what must fit the width.
    expect(fittedWidth('width', A4, 90, box)).toBeCloseTo(600 / A4, 5);
    expect(fittedWidth('page', A4, 270, box)).toBeCloseTo(Math.min(600 / A4, 500), 5);
    expect(drawnWidth('zoom', 2, A4, 0, box)).toBe(1200);
  });

  it('asks the server for one of a few widths, enough for the screen', () => {
    expect(imageWidthFor(500)).toBe(600);
    expect(imageWidthFor(500, 2)).toBe(1200);
    expect(imageWidthFor(700, 3)).toBe(1600);
    expect(imageWidthFor(5000)).toBe(2400);
  });

  it('turns clockwise and back, and remembers a turn per file for the session', () => {
    expect(rotate(0)).toBe(90);
    expect(rotate(270)).toBe(0);
    expect(rotate(0, -1)).toBe(270);
    saveRotation('a', 90);
    expect(savedRotation('a')).toBe(90);
    expect(savedRotation('b')).toBe(0);
    saveRotation('a', 0);
    expect(sessionStorage.length).toBe(0);
  });

  it('maps keys to commands and leaves Ctrl with + and − to the browser', () => {
    expect(key('ArrowRight')).toBe('next');
    expect(key('PageUp')).toBe('previous');
    expect(key('+')).toBe('zoomIn');
    expect(key('-')).toBe('zoomOut');
    expect(key('0')).toBe('fitWidth');
    expect(key('9')).toBe('fitPage');
    expect(key('r')).toBe('rotate');
    expect(key('+', { ctrlKey: true })).toBeNull();
    expect(key('0', { metaKey: true })).toBeNull();
    expect(key('x')).toBeNull();
  });
});
