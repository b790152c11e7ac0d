/// <reference types="vite/client" />

// Build-time constants set by vite.config.ts.
interface ImportMetaEnv {
  readonly EXTENSION_TARGET: 'chrome' | 'firefox';
  readonly EXTENSION_TEST_HOOKS: boolean;
}

// `?iife` imports give the output path of a self-contained script for `scripting.executeScript`.
declare module '*?iife' {
  const path: string;
  export default path;
}
