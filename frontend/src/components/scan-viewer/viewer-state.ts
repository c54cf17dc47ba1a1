/**
 * The scan viewer's arithmetic, kept apart from the component so it can be tested without a
 * browser: zoom steps and fits, quarter turns (remembered per file for the session), and the
 * width of the page image to ask the server for.
 */

/** How the page is sized: to the viewer's width, whole page in view, or a chosen zoom. */
export type FitMode = 'width' | 'page' | 'zoom';

/** Zoom factors relative to "fit width" (1 = the page as wide as the viewer). */
export const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4] as const;
export const MIN_ZOOM = ZOOM_STEPS[0];
export const MAX_ZOOM = ZOOM_STEPS[ZOOM_STEPS.length - 1]!;

/** The next zoom step above (direction 1) or below (-1) the current factor. */
export function stepZoom(current: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((step) => step > current + 0.001) ?? MAX_ZOOM;
  return [...ZOOM_STEPS].reverse().find((step) => step < current - 0.001) ?? MIN_ZOOM;
}

export type Rotation = 0 | 90 | 180 | 270;

export function rotate(current: Rotation, direction: 1 | -1 = 1): Rotation {
  return ((((current + direction * 90) % 360) + 360) % 360) as Rotation;
}

export const quarterTurned = (rotation: Rotation) => rotation === 90 || rotation === 270;

/** A4 portrait, assumed until the page image tells its own proportions. */
export const DEFAULT_ASPECT = 297 / 210;

/**
 * The page's drawn width (CSS pixels, before rotation) for a fit mode: `aspect` is the page's
 * height / width, `box` the viewer's inner size. A quarter-turned page is fitted by its
 * height, which then lies across the viewer.
 */
export function fittedWidth(
  mode: Exclude<FitMode, 'zoom'>,
  aspect: number,
  rotation: Rotation,
  box: { width: number; height: number },
): number {
  const turned = quarterTurned(rotation);
  // The rotated page's on-screen width and height for a drawn width w: turned, w·aspect × w.
  const byWidth = turned ? box.width / aspect : box.width;
  if (mode === 'width' || box.height <= 0) return Math.max(1, byWidth);
  const byHeight = turned ? box.height : box.height / aspect;
  return Math.max(1, Math.min(byWidth, byHeight));
}

/** The drawn width for any mode: a zoom is a factor of "fit width". */
export function drawnWidth(
  mode: FitMode,
  zoom: number,
  aspect: number,
  rotation: Rotation,
  box: { width: number; height: number },
): number {
  if (mode === 'zoom') return fittedWidth('width', aspect, rotation, box) * zoom;
  return fittedWidth(mode, aspect, rotation, box);
}

/** Widths the server renders pages at: a few fixed sizes, so the browser's cache and the
 * server's work are shared between zoom steps and screens (the API allows 100–2400). */
export const IMAGE_WIDTHS = [600, 900, 1200, 1600, 2000, 2400] as const;

/** The image width to ask for: the smallest fixed size that covers the drawn width on this
 * screen's pixel density. */
export function imageWidthFor(drawn: number, pixelRatio = 1): number {
  const needed = drawn * Math.min(Math.max(pixelRatio, 1), 2);
  return IMAGE_WIDTHS.find((width) => width >= needed) ?? IMAGE_WIDTHS[IMAGE_WIDTHS.length - 1]!;
}

/** The zoom label: "Lebar halaman" and "Seluruh halaman" are said in words by the caller. */
export const zoomPercent = (zoom: number) => `${Math.round(zoom * 100)}%`;

const ROTATION_KEY = 'lontar.viewer.rotation.';

/** A quarter turn set on a file stays for the session (a scan fed in sideways stays upright
 * on every screen that shows it), never on the server: rotation is a view, not an edit. */
export function savedRotation(fileId: string): Rotation {
  try {
    const value = Number(sessionStorage.getItem(ROTATION_KEY + fileId));
    return value === 90 || value === 180 || value === 270 ? value : 0;
  } catch {
    return 0;
  }
}

export function saveRotation(fileId: string, rotation: Rotation): void {
  try {
    if (rotation === 0) sessionStorage.removeItem(ROTATION_KEY + fileId);
    else sessionStorage.setItem(ROTATION_KEY + fileId, String(rotation));
  } catch {
    // storage unavailable (private mode): the turn lasts as long as the screen
  }
}

/** What a key does in the viewer (none while typing in its search box). */
export type ViewerCommand =
  'next' | 'previous' | 'first' | 'last' | 'zoomIn' | 'zoomOut' | 'fitWidth' | 'fitPage' | 'rotate';

export function commandForKey(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
): ViewerCommand | null {
  if (event.altKey) return null;
  const modified = event.ctrlKey || event.metaKey;
  switch (event.key) {
    case 'ArrowRight':
    case 'PageDown':
      return modified ? null : 'next';
    case 'ArrowLeft':
    case 'PageUp':
      return modified ? null : 'previous';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    // With Ctrl these are the browser's own zoom of the whole screen: left to it.
    case '+':
    case '=':
      return modified ? null : 'zoomIn';
    case '-':
    case '_':
      return modified ? null : 'zoomOut';
    case '0':
      return modified ? null : 'fitWidth';
    case '9':
      return modified ? null : 'fitPage';
    case 'r':
    case 'R':
      return modified ? null : 'rotate';
    default:
      return null;
  }
}
