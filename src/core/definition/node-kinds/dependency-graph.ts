import { z } from 'zod';
import type { GraphOptions } from '../../graph/types';
import { NodeIdRefSchema, ValueSchema } from '../common';
import { defineNodeKind } from './types';

/** One dependency of a package: a name (kind `dependency`), or a name with its kind. */
export const DependencySpecSchema = z.union([
  z.string().min(1).max(214),
  z
    .object({
      name: z.string().min(1).max(214).describe('The package depended on'),
      kind: z.enum(['dependency', 'dev', 'peer', 'optional']).optional().describe('Why. Default: dependency'),
    })
    .strict(),
]);

/** A package of an inline graph (a PackageSpec of src/core/graph). */
export const PackageSpecSchema = z
  .object({
    name: z.string().min(1, 'a package needs a name').max(214).describe('Unique package name'),
    dependencies: z
      .array(DependencySpecSchema)
      .max(10_000)
      .optional()
      .describe('Packages built before this one'),
    estimatedDurationMs: z
      .number()
      .min(0)
      .max(365 * 24 * 3_600_000)
      .optional()
      .describe('Expected build time; orders critical-path-first scheduling until there is history'),
  })
  .strict();

/** Where the packages of a dependency graph come from. */
export const GraphSourceSchema = z
  .discriminatedUnion('type', [
    z
      .object({
        type: z.literal('inline'),
        packages: z.array(PackageSpecSchema).max(20_000).describe('The packages and their dependencies'),
      })
      .strict(),
    z
      .object({
        type: z.literal('workspace'),
        root: ValueSchema.describe('Folder of the monorepo: a path, or `{ "$ref": "$input.root" }`'),
      })
      .strict(),
    z
      .object({
        type: z.literal('activityResult'),
        nodeId: NodeIdRefSchema.describe('An activity node whose result holds the packages'),
        path: z
          .string()
          .max(200)
          .optional()
          .describe(
            'Dotted path of the package list in that result, e.g. `packages`. Default: the result itself',
          ),
      })
      .strict(),
    z
      .object({
        type: z.literal('input'),
        input: z.string().min(1).max(100).describe('A run input of type `packages`'),
      })
      .strict(),
  ])
  .describe('Where the packages come from: inline, a workspace folder, an activity’s result or a run input');
export type GraphSource = z.infer<typeof GraphSourceSchema>;

/** The dependency kinds a graph can draw edges for (DependencyKind of src/core/graph). */
export const DependencyKindSchema = z.enum(['dependency', 'optional', 'peer', 'dev']);

/** Data of a dependency graph node. */
export const DependencyGraphDataSchema = z
  .object({
    source: GraphSourceSchema,
    edgeKinds: z
      .array(DependencyKindSchema)
      .max(4)
      .optional()
      .describe(
        'Which dependency kinds make edges (package.json dependencies, optionalDependencies, peerDependencies, devDependencies). Default: all four, as pnpm and turbo order builds',
      ),
    breakDevCycles: z
      .boolean()
      .optional()
      .describe(
        'Drop the devDependency edges that close a dependency cycle (the run lists which) instead of failing. Default: off',
      ),
    filter: z
      .array(z.string().trim().min(1).max(214))
      .max(100)
      .optional()
      .describe(
        'Build only the packages whose names match these globs (`@acme/*`, `!@acme/e2e-*`) and what they depend on, as pnpm’s --filter "pkg..." does. Default: every package',
      ),
  })
  .strict()
  .describe('A package dependency graph for the loops that follow');
export type DependencyGraphData = z.infer<typeof DependencyGraphDataSchema>;

/**
 * The graph engine's options of a node: only the settings it sets, so a node without them
 * compiles exactly as before (all kinds, cycles fail).
 */
export function graphOptionsOf(data: DependencyGraphData): GraphOptions {
  return {
    ...(data.edgeKinds !== undefined && { edgeKinds: data.edgeKinds }),
    ...(data.breakDevCycles === true && { breakDevCycles: true }),
    ...(data.filter !== undefined && data.filter.length > 0 && { filter: data.filter }),
  };
}

/** The dependency graph node kind. */
export const dependencyGraphKind = defineNodeKind({
  kind: 'dependencyGraph',
  version: 1,
  schema: DependencyGraphDataSchema,
  defaultData: { source: { type: 'inline', packages: [] } },
  display: {
    label: 'Dependency graph',
    description:
      'Packages and their dependencies — inline, read from a workspace folder, an activity’s result or a run input. Cycles and unknown packages fail before anything builds.',
    category: 'packages',
  },
  ports: { inputs: 'one-or-more', outputs: 'one-or-more' },
});
