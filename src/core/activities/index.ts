/**
 * The built-in activity catalog: signatures, argument schemas and default timeouts of the
 * activities every worker registers. Pure data (zod), shared by the compiler and the editor.
 */
export {
  ACTIVITIES_INTERFACE,
  ACTIVITY_CATALOG,
  ACTIVITY_TYPES_FILE,
  findActivity,
  renderActivityTypes,
  type ActivityCatalogEntry,
} from './catalog';
export { BuildPackageInputSchema, type BuildPackageInput, type BuildPackageResult } from './build-package';
export {
  ReadWorkspaceInputSchema,
  type ReadWorkspaceInput,
  type ReadWorkspaceResult,
  type WorkspacePackage,
} from './read-workspace';
export { WriteReportInputSchema, type WriteReportInput, type WriteReportResult } from './write-report';
export { buildLogRelativePath, reportRelativeDir, safePathSegment } from './log-paths';
