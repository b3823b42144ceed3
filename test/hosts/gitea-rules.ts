// The rules a Gitea or Forgejo server applies to token requests, kept apart from the server so they
// read as a list: how scopes are checked and normalised (models/auth/access_token_scope.go, the same
// in both), how the DELETE path segment is read (strconv.ParseInt(s, 0, 64), errors ignored), and how
// versions compare. Sources are in /work/shared/reference/hosts-next.md §1.4 and §1.6.

export type Flavor = 'gitea' | 'forgejo';

const CATEGORIES = ['activitypub', 'admin', 'misc', 'notification', 'organization', 'package', 'issue', 'repository', 'user'] as const;
export type ScopeCategory = (typeof CATEGORIES)[number];

/** Every scope name a server accepts, `all` and `public-only` included. */
export const SCOPE_NAMES: readonly string[] = ['all', 'public-only', ...CATEGORIES.flatMap((category) => [`read:${category}`, `write:${category}`])];

/** One bit per read and write of each category, so `write:x` implies `read:x` as the server's bitmap does. */
function bits(scope: string): bigint | null {
  if (scope === 'public-only') return 1n;
  if (scope === 'all') return CATEGORIES.reduce((all, category) => all | (bits(`write:${category}`) ?? 0n), 0n);
  const [level, category] = scope.split(':');
  const index = CATEGORIES.indexOf(category as ScopeCategory);
  if (index < 0 || (level !== 'read' && level !== 'write')) return null;
  const read = 1n << BigInt(1 + index * 2);
  return level === 'read' ? read : read | (read << 1n);
}

/**
 * The scopes as the server stores and answers them: duplicates and implied reads dropped, in the
 * server's own order, a full set of writes written `all`. An unknown name is the server's 400 message.
 */
export function normalizeScopes(requested: readonly string[], flavor: Flavor): { scopes: string[] } | { error: string } {
  let bitmap = 0n;
  for (const scope of requested) {
    // Forgejo's parser skips the pre-1.20 "sudo" silently; Gitea calls it unknown.
    if (scope === '' || (flavor === 'forgejo' && scope === 'sudo')) continue;
    const value = bits(scope);
    if (value === null) return { error: `invalid access token scope provided: invalid access token scope: ${scope}` };
    bitmap |= value;
  }
  const out: string[] = [];
  let rebuilt = 0n;
  const order = ['public-only', ...CATEGORIES.flatMap((category) => [`write:${category}`, `read:${category}`])];
  for (const scope of order) {
    const value = bits(scope)!;
    if ((bitmap & value) !== value || (rebuilt | value) === rebuilt) continue;
    rebuilt |= value;
    out.push(scope);
  }
  const writes = CATEGORIES.map((category) => `write:${category}`).join(',');
  return { scopes: out.join(',').replace(writes, 'all').split(',').filter((scope) => scope !== '') };
}

/** Whether stored scopes grant `read:x` or `write:x`. */
export function grants(scopes: readonly string[], wanted: string): boolean {
  const want = bits(wanted);
  if (want === null) return false;
  const have = scopes.reduce((all, scope) => all | (bits(scope) ?? 0n), 0n);
  return (have & want) === want;
}

/** The scope a route of this category needs: reads for GET and HEAD, writes for anything else. */
export function requiredScope(method: string, category: ScopeCategory): string {
  return `${method === 'GET' || method === 'HEAD' ? 'read' : 'write'}:${category}`;
}

const INT64_MAX = (1n << 63n) - 1n;

/**
 * Go's strconv.ParseInt(s, 0, 64) with its error dropped, as the DELETE handler calls it: a sign,
 * then 0x/0o/0b or a bare leading 0 (octal), underscores between digits; a syntax error reads as 0
 * (the handler then looks the segment up as a name) and an out-of-range number as the nearest int64.
 */
export function parseIntBase0(text: string): bigint {
  if (text === '') return 0n;
  let s = text;
  let negative = false;
  if (s[0] === '+' || s[0] === '-') {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '') return 0n;
  let base = 10n;
  let digits = s;
  if (s[0] === '0') {
    const prefix = s.length >= 3 ? s[1]!.toLowerCase() : '';
    if (prefix === 'b' || prefix === 'o' || prefix === 'x') {
      base = prefix === 'b' ? 2n : prefix === 'o' ? 8n : 16n;
      digits = s.slice(2);
    } else {
      base = 8n;
      digits = s.slice(1);
    }
  }
  let value = 0n;
  let underscores = false;
  for (const char of digits) {
    if (char === '_') {
      underscores = true;
      continue;
    }
    const digit = Number.parseInt(char, 36);
    if (Number.isNaN(digit) || BigInt(digit) >= base) return 0n;
    value = value * base + BigInt(digit);
  }
  if (underscores && !underscoresSeparateDigits(text)) return 0n;
  if (negative) return value > INT64_MAX + 1n ? -(INT64_MAX + 1n) : -value;
  return value > INT64_MAX ? INT64_MAX : value;
}

/** Go's underscoreOK: each underscore sits between digits (a base prefix counts as a digit). */
function underscoresSeparateDigits(text: string): boolean {
  let s = text;
  if (s[0] === '+' || s[0] === '-') s = s.slice(1);
  let saw: 'start' | 'digit' | '_' | 'other' = 'start';
  let i = 0;
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(s[1]!.toLowerCase())) {
    i = 2;
    saw = 'digit';
    hex = s[1]!.toLowerCase() === 'x';
  }
  for (; i < s.length; i += 1) {
    const char = s[i]!;
    if ((char >= '0' && char <= '9') || (hex && /[a-f]/i.test(char))) {
      saw = 'digit';
    } else if (char === '_') {
      if (saw !== 'digit') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = 'other';
    }
  }
  return saw !== '_';
}

/** Compares dotted versions by number ("1.27.1" > "1.26.2"); anything after + or - is ignored. */
export function versionAtLeast(version: string, wanted: string): boolean {
  const parts = (v: string) => v.split(/[+-]/, 1)[0]!.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const [a, b] = [parts(version), parts(wanted)];
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

export interface CreateForm {
  name: string;
  scopes: string[];
  /** Read only where repository-specific tokens exist; elsewhere Go ignores the unknown field. */
  repositories: Array<{ owner: string; name: string }> | null;
}

/**
 * The body of a create as the router's bind() decodes it into CreateAccessTokenOption: Go's JSON
 * decoder words a wrong type, then the binding's `Required` on the name. The message is the 422's.
 */
export function bindCreateForm(body: string, repositoryTokens: boolean): CreateForm | { error: string } {
  let parsed: unknown = null;
  if (body.trim() !== '') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return { error: `[]: invalid character '${body.trim()[0]}' looking for beginning of value` };
    }
  }
  if (parsed === null) parsed = {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { error: `[]: json: cannot unmarshal ${goKind(parsed)} into Go value of type structs.CreateAccessTokenOption` };
  }
  const input = parsed as Record<string, unknown>;
  const wrongType = (field: string, goType: string, value: unknown) => ({
    error: `[]: json: cannot unmarshal ${goKind(value)} into Go struct field CreateAccessTokenOption.${field} of type ${goType}`,
  });
  if (input.name !== undefined && input.name !== null && typeof input.name !== 'string') return wrongType('name', 'string', input.name);
  if (input.scopes !== undefined && input.scopes !== null && !Array.isArray(input.scopes)) return wrongType('scopes', '[]string', input.scopes);
  const scopes = (input.scopes as unknown[] | null | undefined) ?? [];
  const odd = scopes.find((scope) => typeof scope !== 'string');
  if (odd !== undefined) return wrongType('scopes', 'string', odd);
  if (typeof input.name !== 'string' || input.name === '') return { error: '[Name]: Required' };
  const repositories = repositoryTokens && Array.isArray(input.repositories) ? (input.repositories as unknown[]) : null;
  const refs = repositories?.map((ref) => {
    const { owner, name } = (ref ?? {}) as Record<string, unknown>;
    return { owner: typeof owner === 'string' ? owner : '', name: typeof name === 'string' ? name : '' };
  });
  return { name: input.name, scopes: scopes as string[], repositories: refs ?? null };
}

function goKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value;
}
