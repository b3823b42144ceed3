// The checks GitLab makes on token requests, kept apart from the server so they read as a list.
// Wording is GitLab's own (lib/api/resource_access_tokens.rb, app/models/personal_access_token.rb,
// Grape's parameter validation); where these come back as HTTP answers, gitlab.ts decides.

/** Member roles by their access level (Gitlab::Access). Planner (15) exists since 17.7. */
export const ACCESS = { guest: 10, planner: 15, reporter: 20, developer: 30, maintainer: 40, owner: 50 } as const;
export type AccessLevel = (typeof ACCESS)[keyof typeof ACCESS];
const LEVELS: readonly number[] = Object.values(ACCESS);

/** Scopes a project or group token may have (hosts-next.md §2.4). */
export const RESOURCE_SCOPES: readonly string[] = [
  'api', 'read_api', 'read_repository', 'write_repository', 'read_registry', 'write_registry',
  'read_virtual_registry', 'write_virtual_registry', 'create_runner', 'manage_runner', 'ai_features',
  'k8s_proxy', 'self_rotate', 'read_observability', 'write_observability',
];
/** Personal tokens may also have these. */
export const PERSONAL_SCOPES: readonly string[] = [...RESOURCE_SCOPES, 'read_user', 'sudo', 'admin_mode', 'read_service_ping'];

/**
 * Git over HTTP, by scope (Gitlab::Auth.abilities_for_scopes): api, read_api and both repository
 * scopes may fetch; only api and write_repository may push. The same for personal and bot tokens.
 */
export function gitAbilities(scopes: readonly string[]): { download: boolean; push: boolean } {
  const has = (scope: string) => scopes.includes(scope);
  return {
    download: has('api') || has('read_api') || has('read_repository') || has('write_repository'),
    push: has('api') || has('write_repository'),
  };
}

/** The UTC calendar day of a moment, as GitLab writes expires_at. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const addDays = (day: string, days: number): string => utcDay(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000);

/** A token stops working at 00:00 UTC on its expiry date. */
export const isExpired = (expiresAt: string | null, nowMs: number): boolean => expiresAt !== null && utcDay(nowMs) >= expiresAt;

const isDay = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && utcDay(Date.parse(`${value}T00:00:00Z`) || 0) === value;

/** A 400 as Grape writes it, when a parameter fails its declared type or values. */
export class ParamError {
  constructor(readonly message: string) {}
}

/** The expires_at of a create or rotate body: the given day, or `fallback` when none was given. */
export function readExpiry(input: Record<string, unknown>, fallback: string): string {
  const value = input.expires_at;
  if (value === undefined || value === null || value === '') return fallback;
  if (!isDay(value)) throw new ParamError('expires_at is invalid');
  return value;
}

/**
 * The model's own check (expires_at_before_instance_max_expiry_date): at most `maxDays` from today.
 * GitLab's sentence says "before" the limit, yet accepts the limit day itself.
 */
export function expiryProblem(expiresAt: string, today: string, maxDays: number): string | null {
  const limit = addDays(today, maxDays);
  return expiresAt > limit ? `Expires at must be before ${limit}` : null;
}

export interface ResourceTokenFields {
  name: string;
  description: string | null;
  scopes: string[];
  accessLevel: AccessLevel;
  expiresAt: string;
}

/** POST /projects|groups/:id/access_tokens, as Grape validates it before the service runs. */
export function readResourceTokenBody(input: Record<string, unknown>, defaultExpiry: string): ResourceTokenFields {
  const missing = ['name', 'scopes'].filter((key) => input[key] === undefined || input[key] === null || input[key] === '');
  if (missing.length > 0) throw new ParamError(missing.map((key) => `${key} is missing`).join(', '));
  if (typeof input.name !== 'string') throw new ParamError('name is invalid');
  const scopes = Array.isArray(input.scopes) ? input.scopes : [input.scopes];
  if (scopes.length === 0 || scopes.some((scope) => typeof scope !== 'string' || !RESOURCE_SCOPES.includes(scope))) {
    throw new ParamError('scopes does not have a valid value');
  }
  // Grape coerces form and query values, so "40" is 40.
  const raw = input.access_level ?? ACCESS.maintainer;
  const level = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof level !== 'number' || !LEVELS.includes(level)) throw new ParamError('access_level does not have a valid value');
  const description = input.description;
  if (description !== undefined && description !== null && typeof description !== 'string') throw new ParamError('description is invalid');
  return {
    name: input.name,
    description: typeof description === 'string' ? description : null,
    scopes: [...new Set(scopes as string[])],
    accessLevel: level as AccessLevel,
    expiresAt: readExpiry(input, defaultExpiry),
  };
}

/**
 * A request's parameters as Grape merges them: the query string, then a JSON or form body over it.
 * Form arrays are Rails-style (`scopes[]=api&scopes[]=read_repository`).
 */
export function readParams(contentType: string, body: string, query: URLSearchParams): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  const addForm = (pairs: URLSearchParams) => {
    for (const [key, value] of pairs) {
      if (key.endsWith('[]')) {
        const name = key.slice(0, -2);
        params[name] = [...(Array.isArray(params[name]) ? (params[name] as unknown[]) : []), value];
      } else params[key] = value;
    }
  };
  addForm(query);
  if (body.trim() === '') return params;
  if (contentType.includes('application/x-www-form-urlencoded')) {
    addForm(new URLSearchParams(body));
    return params;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ParamError('message body does not match declared format');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ParamError('message body does not match declared format');
  return { ...params, ...(parsed as Record<string, unknown>) };
}
