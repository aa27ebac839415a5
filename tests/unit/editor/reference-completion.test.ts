/**
 * Proves the completion of `$…` references in property fields (src/core/editor/reference-completion.ts):
 * input names come from settings.inputs, package fields only where a package is known, node ids
 * only of upstream nodes, and every offered text parses as a reference. Quick tier.
 */
import { describe, expect, it } from 'vitest';
import { parseReference } from '../../../src/core/definition/references';
import { completeReference, type ReferenceScope } from '../../../src/core/editor';

const loop: ReferenceScope = {
  inputs: [
    { name: 'failures', type: 'json', description: 'Packages to fail' },
    { name: 'root', type: 'string' },
  ],
  upstreamNodeIds: ['graph'],
  allowPackage: true,
};
const texts = (typed: string, scope: ReferenceScope = loop) =>
  completeReference(typed, scope).map((c) => c.text);

describe('completeReference', () => {
  it('offers the reference heads on an empty field or a bare $', () => {
    expect(texts('')).toEqual(['$input.', '$package.', '$result.', '$error.', '$workflow.']);
    expect(texts('$p')).toEqual(['$package.']);
    // Without a package or upstream nodes those heads are not offered.
    expect(texts('$', { ...loop, allowPackage: false, upstreamNodeIds: [] })).toEqual([
      '$input.',
      '$workflow.',
    ]);
  });

  it('completes input names from settings.inputs, with their type and description', () => {
    expect(completeReference('$input.', loop)).toEqual([
      { text: '$input.failures', detail: 'json — Packages to fail' },
      { text: '$input.root', detail: 'string' },
    ]);
    expect(texts('$input.f')).toEqual(['$input.failures']);
    expect(texts('$input.ail')).toEqual(['$input.failures']); // a typed middle part matches too
    expect(texts('$input.failures')).toEqual([]); // nothing left to add
  });

  it('offers the package name as a key inside a json or record input, only in a loop', () => {
    expect(texts('$input.failures.')).toEqual(['$input.failures.$package']);
    const record: ReferenceScope = { ...loop, inputs: [{ name: 'failures', type: 'record' }] };
    expect(texts('$input.failures.', record)).toEqual(['$input.failures.$package']);
    expect(texts('$input.root.')).toEqual([]);
    expect(texts('$input.failures.', { ...loop, allowPackage: false })).toEqual([]);
  });

  it('completes package fields, workflow fields and upstream node ids', () => {
    expect(texts('$package.')).toEqual([
      '$package.name',
      '$package.estimatedDurationMs',
      '$package.expectedDurationMs',
      '$package.attempt',
    ]);
    expect(texts('$package.est')).toEqual(['$package.estimatedDurationMs']);
    expect(texts('$package.', { ...loop, allowPackage: false })).toEqual([]);
    expect(texts('$workflow.r')).toEqual(['$workflow.runId']);
    expect(texts('$result.')).toEqual(['$result.graph']);
  });

  it('offers nothing for literal values or unknown heads', () => {
    expect(texts('42')).toEqual([]);
    expect(texts('"text"')).toEqual([]);
    expect(texts('$nope.')).toEqual([]);
  });

  it('every complete option parses as a reference', () => {
    for (const typed of ['$input.', '$input.failures.', '$package.', '$workflow.', '$result.', '$error.'])
      for (const text of texts(typed)) expect(parseReference(text)).not.toHaveProperty('error');
  });
});
