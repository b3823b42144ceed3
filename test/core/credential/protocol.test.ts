import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES, formatAnswer, parseRequest, toQuery } from '../../../electron/core/credential/protocol';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('reading a credential request', () => {
  it('reads key=value lines up to the blank line and ignores what follows', () => {
    const parsed = parseRequest(bytes('protocol=https\nhost=example.com:8443\npath=scm/p/r.git\n\nhost=evil.example\n'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const query = toQuery(parsed.request);
    expect(query).toMatchObject({ protocol: 'https', host: 'example.com:8443', path: 'scm/p/r.git' });
  });

  it('accepts EOF without a blank line and a CRLF ending, as git does', () => {
    const parsed = parseRequest(bytes('protocol=https\r\nhost=example.com'));
    expect(parsed.ok && toQuery(parsed.request).host).toBe('example.com');
  });

  it('keeps multi-valued keys in order and resets them on an empty value', () => {
    const parsed = parseRequest(bytes('capability[]=state\ncapability[]=\ncapability[]=authtype\nwwwauth[]=Basic realm="x"\n\n'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(toQuery(parsed.request).capabilities).toEqual(['authtype']);
    expect(parsed.request.lists.get('wwwauth')).toEqual(['Basic realm="x"']);
  });

  it('lets the last of a repeated single-valued key win and ignores unknown keys', () => {
    const parsed = parseRequest(bytes('host=a.example\nfrobnicate=yes\nhost=b.example\n\n'));
    expect(parsed.ok && toQuery(parsed.request).host).toBe('b.example');
  });

  it('keeps an "=" inside a value', () => {
    const parsed = parseRequest(bytes('password=abc==\n\n'));
    expect(parsed.ok && toQuery(parsed.request).password).toBe('abc==');
  });

  it.each([
    ['a NUL byte', 'protocol=https\nhost=exa\0mple.com\n\n', 'NUL'],
    ['a CR inside a value', 'host=example.com\rhost=evil.example\n\n', 'carriage return'],
    ['a line without "="', 'protocol=https\nhost\n\n', '"="'],
    ['a line of a megabyte', `host=${'a'.repeat(1_048_576)}\n\n`, '65535'],
  ])('refuses %s with a reason that does not quote the input', (_label, input, reasonPart) => {
    const parsed = parseRequest(bytes(input));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.reason).toContain(reasonPart);
    expect(parsed.reason).not.toContain('example');
  });

  it('accepts a line of exactly 65535 bytes and refuses one byte more', () => {
    const at = `k=${'v'.repeat(MAX_LINE_BYTES - 2)}\n\n`;
    expect(parseRequest(bytes(at)).ok).toBe(true);
    const over = `k=${'v'.repeat(MAX_LINE_BYTES - 1)}\n\n`;
    expect(parseRequest(bytes(over)).ok).toBe(false);
  });

  it('refuses a flood of short lines beyond the total limit', () => {
    expect(parseRequest(bytes(`k=${'v'.repeat(60_000)}\n`.repeat(20))).ok).toBe(false);
  });
});

describe('writing an answer', () => {
  it('writes one key=value line per field', () => {
    expect(formatAnswer([['username', 'alice'], ['password', 'BBDC-x/y+z=']])).toEqual({
      ok: true,
      text: 'username=alice\npassword=BBDC-x/y+z=\n',
    });
  });

  it.each(['a\nhost=evil', 'a\rb', 'a\0b'])('refuses the whole answer when a value holds %j', (value) => {
    expect(formatAnswer([['username', 'alice'], ['password', value]])).toEqual({ ok: false, key: 'password' });
  });
});

// Keys git could send: no '=', no NUL, no newline, no CR; '[]' suffix sometimes.
const keyArb = fc
  .string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz_-.ABC09'.split('')), minLength: 1, maxLength: 12 })
  .chain((k) => fc.constantFrom(k, `${k}[]`));
const valueArb = fc.string({ unit: 'binary', maxLength: 40 }).filter((v) => !/[\r\n\0]/.test(v));

describe('protocol properties', () => {
  it('round-trips every answer it agrees to write', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(keyArb, valueArb), { maxLength: 20 }), (fields) => {
        const written = formatAnswer(fields);
        expect(written.ok).toBe(true);
        if (!written.ok) return;
        const parsed = parseRequest(bytes(`${written.text}\n`));
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        // The model: last value wins for plain keys; lists keep order and reset on ''.
        const values = new Map<string, string>();
        const lists = new Map<string, string[]>();
        for (const [key, value] of fields) {
          if (key.endsWith('[]')) {
            const name = key.slice(0, -2);
            lists.set(name, value === '' ? [] : [...(lists.get(name) ?? []), value]);
          } else values.set(key, value);
        }
        expect(parsed.request.values).toEqual(values);
        expect(parsed.request.lists).toEqual(lists);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random bytes, and reads only what it can vouch for', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (input) => {
        const parsed = parseRequest(input);
        if (!parsed.ok) {
          expect(parsed.reason.length).toBeGreaterThan(0);
          return;
        }
        for (const value of [...parsed.request.values.values(), ...[...parsed.request.lists.values()].flat()]) {
          expect(value).not.toMatch(/[\r\n\0]/);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on random bytes shaped like requests', () => {
    const line = fc.oneof(
      fc.tuple(keyArb, fc.string({ unit: 'binary', maxLength: 30 })).map(([k, v]) => `${k}=${v}`),
      fc.string({ unit: 'binary', maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.boolean(), (lines, blank) => {
        const parsed = parseRequest(bytes(lines.join('\n') + (blank ? '\n\n' : '')));
        expect(typeof parsed.ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });

  it('never emits CR, LF or NUL inside a value, whatever it is asked to write', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 30 })), { maxLength: 8 }), (fields) => {
        const written = formatAnswer(fields);
        if (!written.ok) return;
        const lines = written.text.split('\n');
        expect(lines.pop()).toBe('');
        // Exactly one line per field: nothing was smuggled into a new line.
        expect(lines).toHaveLength(fields.length);
        for (const [i, lineText] of lines.entries()) {
          expect(lineText).not.toMatch(/[\r\0]/);
          expect(lineText).toBe(`${fields[i]![0]}=${fields[i]![1]}`);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
