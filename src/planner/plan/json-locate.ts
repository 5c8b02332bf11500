/**
 * Finds where a value sits in JSON text, from its path (`['requests', 3, 'window', 'end']`),
 * so that scenario errors name the line and column of the offending field. A small scanner of
 * the JSON grammar; it assumes the text parsed (JSON.parse succeeded).
 */

/** Line and column (1-based) of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastNl = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lastNl = i;
    }
  }
  return { line, column: offset - lastNl };
}

/** Offset of the value at `path` (or of the deepest existing ancestor), −1 if none. */
export function locateJsonPath(text: string, path: readonly (string | number)[]): number {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const skipString = (): string => {
    const s = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(s, i)) as string;
  };
  const skipValue = (): void => {
    ws();
    const c = text[i];
    if (c === '"') return void skipString();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        ws();
        if (c === '{') {
          skipString();
          ws();
          i++; // ':'
        }
        skipValue();
        ws();
        if (text[i] === ',') i++;
        else return void i++;
      }
    }
    while (i < text.length && !/[,}\]\s]/.test(text[i]!)) i++;
  };
  let found: number;
  ws();
  for (const key of path) {
    found = i;
    const c = text[i];
    if (c === '{' && typeof key === 'string') {
      i++;
      let hit = false;
      for (;;) {
        ws();
        if (text[i] === '}') break;
        const k = skipString();
        ws();
        i++;
        ws();
        if (k === key) {
          hit = true;
          break;
        }
        skipValue();
        ws();
        if (text[i] === ',') i++;
      }
      if (!hit) return found;
    } else if (c === '[' && typeof key === 'number') {
      i++;
      for (let n = 0; n < key; n++) {
        ws();
        if (text[i] === ']') return found;
        skipValue();
        ws();
        if (text[i] === ',') i++;
      }
      ws();
      if (text[i] === ']') return found;
    } else return found;
  }
  return i;
}

/**
 * Offset of the first JSON syntax error in `text` (−1 when it is valid JSON): Node's own message
 * does not always give a position.
 */
export function jsonSyntaxErrorOffset(text: string): number {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        ws();
        if (c === '{') {
          if (text[i] !== '"') fail();
          string();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) return void i++;
        else fail();
      }
    }
    if (c === '"') return string();
    const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(
      text.slice(i, i + 400),
    );
    if (!m) fail();
    i += m![0].length;
  };
  const string = (): void => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 32) fail();
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, text.length) : 0;
  }
}
