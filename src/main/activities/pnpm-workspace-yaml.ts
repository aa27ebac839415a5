/**
 * Reads the `packages:` list of a pnpm-workspace.yaml. Not a YAML parser: it understands exactly
 * the shapes pnpm documents for that key — a block list of (optionally quoted) strings, or a
 * one-line flow list `['a/*', "b"]` — plus comments, and rejects anything else with the line.
 */
export function parsePnpmWorkspacePackages(text: string): string[] | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => /^packages\s*:/.test(line));
  if (start < 0) return undefined;
  const afterKey = stripComment((lines[start] as string).replace(/^packages\s*:/, '')).trim();
  if (afterKey !== '') {
    if (!afterKey.startsWith('[') || !afterKey.endsWith(']')) {
      throw new Error(
        `line ${start + 1}: expected a list after "packages:", found ${JSON.stringify(afterKey)}`,
      );
    }
    const inner = afterKey.slice(1, -1).trim();
    return inner === '' ? [] : splitFlowList(inner).map((item) => unquote(item.trim(), start + 1));
  }
  const items: string[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const raw = lines[i] as string;
    const line = stripComment(raw);
    if (line.trim() === '') continue;
    const item = /^(\s*)-\s*(.*)$/.exec(line);
    if (item) {
      items.push(unquote((item[2] as string).trim(), i + 1));
      continue;
    }
    if (/^\S/.test(line)) break; // the next top-level key
    throw new Error(
      `line ${i + 1}: expected "- <glob>" in the packages list, found ${JSON.stringify(raw.trim())}`,
    );
  }
  return items;
}

/** Drops a `# comment` that is outside quotes and starts the line or follows whitespace. */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) return line.slice(0, i);
  }
  return line;
}

function splitFlowList(inner: string): string[] {
  const items: string[] = [];
  let quote: string | undefined;
  let current = '';
  for (const c of inner) {
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === ',') {
      items.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  if (current.trim() !== '') items.push(current);
  return items;
}

function unquote(value: string, lineNumber: number): string {
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'"))
    return value.slice(1, -1).replace(/''/g, "'");
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    try {
      return JSON.parse(value) as string;
    } catch {
      throw new Error(`line ${lineNumber}: cannot read the string ${value}`);
    }
  }
  if (value === '' || /^[[{&*!|>'"%@`]/.test(value) || value.includes(': ')) {
    // `!` would be a YAML tag: negations must be quoted ('!**/test/**'), as in pnpm's docs.
    throw new Error(
      `line ${lineNumber}: unsupported list item ${JSON.stringify(value)} (quote it, e.g. '${value}')`,
    );
  }
  return value;
}
