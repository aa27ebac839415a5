/**
 * A benchmark's results inside a document: the text between `<!-- <name>:begin -->` and
 * `<!-- <name>:end -->` is replaced (the markers are appended at the end the first time), so a
 * benchmark can rewrite its own table without touching the prose around it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';

/** Replaces (or appends) the marked section `name` of `file` with `body`; the file stays Prettier-formatted. */
export async function writeDocSection(
  file: string,
  name: string,
  body: string,
  heading: string,
): Promise<void> {
  const begin = `<!-- ${name}:begin (written by the benchmark; edits inside are overwritten) -->`;
  const end = `<!-- ${name}:end -->`;
  const text = readFileSync(file, 'utf8');
  const beginAt = text.indexOf(`<!-- ${name}:begin`);
  const endAt = text.indexOf(end);
  const section = `${begin}\n${body.trim()}\n${end}`;
  let next: string;
  if (beginAt === -1 && endAt === -1) {
    next = `${text.trimEnd()}\n\n${heading}\n\n${section}\n`;
  } else if (beginAt !== -1 && endAt > beginAt) {
    next = text.slice(0, beginAt) + section + text.slice(endAt + end.length);
  } else {
    throw new Error(
      `${file}: the markers of the "${name}" section are broken (one is missing or out of order)`,
    );
  }
  writeFileSync(file, await format(next, { ...(await resolveConfig(file)), filepath: file }));
}
