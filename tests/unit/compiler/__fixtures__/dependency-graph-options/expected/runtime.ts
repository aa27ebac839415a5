// Stands in for the generated project's ./runtime (a copy of src/core/graph), so these files type-check.
export * from '../../../../../../src/core/graph/index';
