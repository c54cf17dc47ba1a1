import Dialog from 'primevue/dialog';

interface DialogInstance {
  container: HTMLElement | null;
}
type DialogMethods = Record<string, (this: DialogInstance, ...args: unknown[]) => unknown>;

/**
 * PrimeVue's Dialog moves the focus when its opening animation ends: to an element marked
 * `autofocus`, or else to its close button. On a slow phone (or a busy machine) that is long
 * after the user has tapped the first field and begun typing, so the focus jumps to the
 * close button mid-word and what was typed is lost: a clerk's classification code in the
 * new-berkas dialog came out empty this way (seen in CI, where the end-to-end test typed it).
 * A focus the user already put inside the dialog stays where it is; otherwise the dialog
 * focuses as PrimeVue does. Patched once, at start-up, for every dialog in the app.
 */
export function keepFocusTheUserPlacedInDialogs(): void {
  const methods = (Dialog as unknown as { methods: DialogMethods }).methods;
  const focusOnOpen = methods.focus;
  if (!focusOnOpen || (focusOnOpen as { keepsUserFocus?: boolean }).keepsUserFocus) return;
  const patched = function (this: DialogInstance, ...args: unknown[]) {
    const active = document.activeElement;
    if (this.container && active && active !== document.body && this.container.contains(active))
      return undefined;
    return focusOnOpen.apply(this, args);
  };
  Object.assign(patched, { keepsUserFocus: true });
  methods.focus = patched;
}
