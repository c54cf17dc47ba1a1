/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** PrimeUI license key for PrimeVue 5 (set at build time). */
  readonly VITE_PRIMEUI_LICENSE?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
