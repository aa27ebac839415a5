import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The small glob language of workspace patterns: `/`-separated segments where `*` matches any
 * characters but `/`, `?` one character, and a whole `**` segment any number of folders. A leading
 * `!` excludes. That covers `packages/*`, `apps/**`, `tooling/*-config`, `!**\/test/**`.
 */
export interface WorkspacePattern {
  /** The pattern as written. */
  readonly text: string;
  readonly negated: boolean;
  /** Normalized segments (no `.`, no empty). */
  readonly segments: readonly string[];
  readonly regex: RegExp;
}

/** Folders never entered while expanding patterns. */
const SKIPPED_DIRS = new Set(['node_modules']);
/** How deep a `**` segment descends. */
const MAX_DEPTH = 8;

/** Parses a pattern; throws on one that leaves the root (absolute or `..`). */
export function parseWorkspacePattern(text: string): WorkspacePattern {
  const negated = text.startsWith('!');
  const body = (negated ? text.slice(1) : text).trim().replace(/\\/g, '/');
  if (body.startsWith('/') || /^[A-Za-z]:/.test(body))
    throw new Error(`pattern "${text}" is absolute: patterns are relative to the root`);
  const segments = body.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw new Error(`pattern "${text}" leaves the root ("..")`);
  if (segments.length === 0) throw new Error(`pattern "${text}" is empty`);
  return { text, negated, segments, regex: patternRegExp(segments) };
}

function patternRegExp(segments: readonly string[]): RegExp {
  if (segments.every((s) => s === '**')) return /^.+$/;
  let source = '';
  segments.forEach((segment, i) => {
    if (segment === '**') {
      // Zero or more folders, separators included: a leading `**` brings the one after it.
      source += i === 0 ? '(?:[^/]+/)*' : '(?:/[^/]+)*';
      return;
    }
    const afterLeadingGlobstar = i === 1 && segments[0] === '**';
    if (i > 0 && !afterLeadingGlobstar) source += '/';
    source += segment
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]');
  });
  return new RegExp(`^${source}$`);
}

/** Whether a relative folder (with `/` separators) matches the pattern. */
export function matchesPattern(pattern: WorkspacePattern, dir: string): boolean {
  return pattern.regex.test(dir);
}

/**
 * Relative folders (with `/` separators, sorted) matched by the positive patterns and by no
 * negated one. `hasPackageJson` filters the candidates; `literalMissing` receives each positive
 * pattern without wildcards whose folder is absent or has no package.json.
 */
export async function expandWorkspacePatterns(
  root: string,
  patterns: readonly WorkspacePattern[],
  hasPackageJson: (relDir: string) => Promise<boolean>,
): Promise<{ dirs: string[]; missingLiterals: string[] }> {
  const positive = patterns.filter((p) => !p.negated);
  const negative = patterns.filter((p) => p.negated);
  const found = new Set<string>();
  const missingLiterals: string[] = [];
  for (const pattern of positive) {
    const matches: string[] = [];
    await walk(root, pattern.segments, 0, '', matches);
    const withManifest: string[] = [];
    for (const dir of matches) if (await hasPackageJson(dir)) withManifest.push(dir);
    if (withManifest.length === 0 && !pattern.segments.some(isWild)) missingLiterals.push(pattern.text);
    for (const dir of withManifest) found.add(dir);
  }
  const dirs = [...found].filter((dir) => !negative.some((n) => matchesPattern(n, dir))).sort();
  return { dirs, missingLiterals };
}

function isWild(segment: string): boolean {
  return segment.includes('*') || segment.includes('?');
}

/** Collects the folders matching `segments[i..]` below `rel`. */
async function walk(
  root: string,
  segments: readonly string[],
  i: number,
  rel: string,
  out: string[],
): Promise<void> {
  if (i === segments.length) {
    if (rel !== '') out.push(rel);
    return;
  }
  const segment = segments[i] as string;
  if (segment === '**') {
    await walk(root, segments, i + 1, rel, out); // zero folders
    if (rel.split('/').length > MAX_DEPTH) return;
    for (const child of await subdirs(root, rel)) await walk(root, segments, i, join2(rel, child), out);
    return;
  }
  if (!isWild(segment)) {
    if ((await subdirs(root, rel)).includes(segment))
      await walk(root, segments, i + 1, join2(rel, segment), out);
    return;
  }
  const regex = patternRegExp([segment]);
  for (const child of await subdirs(root, rel)) {
    if (regex.test(child)) await walk(root, segments, i + 1, join2(rel, child), out);
  }
}

async function subdirs(root: string, rel: string): Promise<string[]> {
  try {
    const entries = await readdir(join(root, ...rel.split('/').filter(Boolean)), { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && !SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

function join2(rel: string, child: string): string {
  return rel === '' ? child : `${rel}/${child}`;
}
