/**
 * Where a JSON text stops being valid, as a 1-based line and column. `JSON.parse`'s messages name
 * a position only for some errors, and as a character offset at that ("Unexpected token '}', ...
 * is not valid JSON" has none), so a malformed package.json would not say where to look. This
 * scanner follows the JSON grammar (RFC 8259) just far enough to find the first offending
 * character; it is only called after `JSON.parse` has failed.
 */
export interface JsonSyntaxError {
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

/** The first syntax error of `text`, or undefined if it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.value();
    scanner.space();
    if (scanner.i < text.length) scanner.fail('unexpected text after the JSON value');
    return undefined;
  } catch (error) {
    if (!(error instanceof ScanError)) throw error;
    return { ...lineColumn(text, error.offset), reason: error.message };
  }
}

/** 1-based line and column (in UTF-16 code units) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class ScanError extends Error {
  constructor(
    readonly offset: number,
    reason: string,
  ) {
    super(reason);
  }
}

class Scanner {
  i = 0;
  constructor(private readonly text: string) {}

  fail(reason: string): never {
    throw new ScanError(this.i, reason);
  }

  space(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i]!)) this.i++;
  }

  private describeHere(): string {
    return this.i >= this.text.length ? 'the end of the file' : JSON.stringify(this.text[this.i]);
  }

  value(): void {
    this.space();
    const c = this.text[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
    }
    this.fail(`expected a value, found ${this.describeHere()}`);
  }

  private object(): void {
    this.i++; // {
    this.space();
    if (this.text[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.space();
      if (this.text[this.i] !== '"')
        this.fail(`expected a property name in double quotes, found ${this.describeHere()}`);
      this.string();
      this.space();
      if (this.text[this.i] !== ':')
        this.fail(`expected ":" after the property name, found ${this.describeHere()}`);
      this.i++;
      this.value();
      this.space();
      const c = this.text[this.i];
      if (c === '}') {
        this.i++;
        return;
      }
      if (c !== ',') this.fail(`expected "," or "}" after a property value, found ${this.describeHere()}`);
      this.i++;
    }
  }

  private array(): void {
    this.i++; // [
    this.space();
    if (this.text[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.value();
      this.space();
      const c = this.text[this.i];
      if (c === ']') {
        this.i++;
        return;
      }
      if (c !== ',') this.fail(`expected "," or "]" after an array item, found ${this.describeHere()}`);
      this.i++;
    }
  }

  private string(): void {
    this.i++; // opening quote
    while (this.i < this.text.length) {
      const c = this.text[this.i]!;
      if (c === '"') {
        this.i++;
        return;
      }
      if (c === '\\') {
        const e = this.text[this.i + 1];
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) this.i += 6;
        else if (e !== undefined && '"\\/bfnrt'.includes(e)) this.i += 2;
        else this.fail('invalid escape in a string');
        continue;
      }
      if (c < ' ') this.fail('unescaped control character (a line break?) in a string');
      this.i++;
    }
    this.fail('unterminated string');
  }

  private number(): void {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.i));
    if (!match) this.fail('invalid number');
    this.i += match[0].length;
  }
}
