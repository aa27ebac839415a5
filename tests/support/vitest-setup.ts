// Shared vitest setup. Electron is never loaded in tests: the thin Electron adapters are
// tested with `vi.mock('electron')` in their own files.
export {};
