import { LineCounter, parseDocument, type Node as YamlNode } from 'yaml';

/** A problem in pnpm-workspace.yaml (`message`), with the 1-based line and column it is at. */
export class WorkspaceYamlError extends Error {
  override readonly name = 'WorkspaceYamlError';
  constructor(
    readonly line: number,
    readonly column: number,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * The `packages:` list of a pnpm-workspace.yaml, read with a real YAML parser (`yaml`), so every
 * valid spelling pnpm accepts works: block and flow lists over several lines, quotes, comments,
 * anchors and aliases. Returns undefined when the file has no `packages` key. Throws a
 * WorkspaceYamlError naming the line and column of invalid YAML, of a YAML tag pnpm would refuse
 * (an unquoted `!exclusion` is one: it must be quoted, as pnpm's docs do) and of a list item that
 * is not a string.
 */
export function parsePnpmWorkspacePackages(text: string): string[] | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined): { line: number; col: number } => lineCounter.linePos(offset ?? 0);
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const { line, col } = at(problem.pos[0]);
    const hint = problem.message.startsWith('Unresolved tag')
      ? ' (an exclusion starting with "!" must be quoted, e.g. - \'!**/test/**\')'
      : '';
    throw new WorkspaceYamlError(line, col, `${firstLine(problem.message)}${hint}`);
  }
  const contents = doc.contents;
  if (contents === null) return undefined;
  const json: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    const { line, col } = at(contents.range?.[0]);
    throw new WorkspaceYamlError(line, col, 'expected a mapping with a "packages:" key');
  }
  if (!('packages' in json)) return undefined;
  const node = doc.get('packages', true) as YamlNode | undefined;
  const packages = (json as { packages: unknown }).packages;
  if (packages === null) return []; // `packages:` with nothing after it
  if (!Array.isArray(packages)) {
    const { line, col } = at(node?.range?.[0]);
    throw new WorkspaceYamlError(
      line,
      col,
      `"packages" must be a list of globs, found ${JSON.stringify(packages)}`,
    );
  }
  packages.forEach((item, i) => {
    if (typeof item !== 'string' || item.trim() === '') {
      const itemNode = doc.getIn(['packages', i], true) as YamlNode | undefined;
      const { line, col } = at(itemNode?.range?.[0] ?? node?.range?.[0]);
      throw new WorkspaceYamlError(
        line,
        col,
        `"packages" item ${i + 1} must be a glob string, found ${JSON.stringify(item)}`,
      );
    }
  });
  return packages as string[];
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
