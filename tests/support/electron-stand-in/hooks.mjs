// Module resolution hook (node:module register): the bare specifier `electron` — the only module
// the bundle keeps external that needs a real Electron — resolves to the stand-in.
const standIn = new URL('./electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: standIn, shortCircuit: true };
  return nextResolve(specifier, context);
}
