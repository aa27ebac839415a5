// Shared vitest setup. Electron is never loaded in tests: the thin Electron adapters are
// tested with `vi.mock('electron')` in their own files.
//
// A `build` would otherwise leave a build daemon running per data folder (10 minutes) outside CI:
// tests build without one unless they ask for it with --daemon (tests/integration/cli/build-daemon.test.ts).
process.env.WB_DAEMON = '0';
export {};
