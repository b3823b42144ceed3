// Just enough OpenAPI 3 to hold a response against the published spec: find the operation a request
// hit, check its status is declared, and walk the body against the schema, naming each difference
// the way known-deviations.ts does.
import { readFileSync } from 'node:fs';

export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, SchemaObject>;
  items?: SchemaObject;
  /** Bitbucket Cloud's spec composes schemas (user = account + more); read as the union of the parts. */
  allOf?: SchemaObject[];
  required?: string[];
  /** A subtype named by this property's value (Cloud: `type: "user"` picks the `user` schema). */
  discriminator?: { propertyName: string };
}

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: SchemaObject }> }>;
}

export interface OpenApi {
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, SchemaObject> };
}

export interface Issue {
  kind: 'type' | 'undeclared-property' | 'undeclared-status' | 'shape' | 'undeclared-operation' | 'missing-body';
  where: string;
  status?: number;
  detail: string;
}

export function loadSpec(path: string): OpenApi {
  return JSON.parse(readFileSync(path, 'utf8')) as OpenApi;
}

/** The spec's path template for a request path (already stripped of the server's /rest prefix). */
export function findTemplate(spec: OpenApi, path: string): string | null {
  const segments = path.split('/');
  const candidates = Object.keys(spec.paths).filter((template) => {
    const parts = template.split('/');
    return parts.length === segments.length && parts.every((part, i) => part.startsWith('{') || part === segments[i]);
  });
  // A literal segment beats a parameter ("/repos/x" is not the token id "repos").
  const literals = (template: string) => template.split('/').filter((part) => !part.startsWith('{')).length;
  candidates.sort((a, b) => literals(b) - literals(a));
  return candidates[0] ?? null;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

const refName = (ref: string): string => ref.split('/').pop()!;

/** A schema with its allOf parts merged into one object schema (later parts win, as subtypes should). */
export function flatten(spec: OpenApi, schema: SchemaObject): SchemaObject {
  if (!schema.allOf) return schema;
  const out: SchemaObject = { type: 'object', properties: {}, required: [] };
  for (const part of schema.allOf) {
    const resolved = flatten(spec, part.$ref ? spec.components.schemas[refName(part.$ref)]! : part);
    Object.assign(out.properties!, resolved.properties ?? {});
    out.required!.push(...(resolved.required ?? []));
    if (resolved.discriminator) out.discriminator = resolved.discriminator;
  }
  return out;
}

/** Does the named schema extend `base` through allOf, directly or further up? */
function extendsSchema(spec: OpenApi, name: string, base: string, depth = 0): boolean {
  const parts = spec.components.schemas[name]?.allOf ?? [];
  return depth < 10 && parts.some((part) => part.$ref !== undefined && (refName(part.$ref) === base || extendsSchema(spec, refName(part.$ref), base, depth + 1)));
}

/** The subtype a discriminator value names, when it is one of `name`'s subtypes; else null. */
function subtype(spec: OpenApi, name: string, value: unknown): string | null {
  const property = flatten(spec, spec.components.schemas[name]!).discriminator?.propertyName;
  if (!property || typeof value !== 'object' || value === null) return null;
  const named = (value as Record<string, unknown>)[property];
  return typeof named === 'string' && named !== name && extendsSchema(spec, named, name) ? named : null;
}

function walk(spec: OpenApi, schema: SchemaObject, value: unknown, where: string, issues: Issue[]): void {
  if (schema.$ref) {
    const name = refName(schema.$ref);
    const chosen = subtype(spec, name, value) ?? name;
    walk(spec, spec.components.schemas[chosen]!, value, chosen, issues);
    return;
  }
  if (schema.allOf) {
    walk(spec, flatten(spec, schema), value, where, issues);
    return;
  }
  const type = schema.type ?? (schema.properties ? 'object' : undefined);
  if (value === null) {
    if (!schema.nullable) issues.push({ kind: 'type', where, detail: `null where the spec says ${type}` });
    return;
  }
  const actual = jsonType(value);
  const fits =
    type === undefined ||
    (type === 'integer' ? Number.isInteger(value) : type === 'number' ? actual === 'number' : actual === type);
  if (!fits) {
    issues.push({ kind: 'type', where, detail: `${actual} where the spec says ${type}${schema.format ? ` (${schema.format})` : ''}` });
    return;
  }
  if (type === 'string' && schema.format === 'date-time' && Number.isNaN(Date.parse(value as string))) {
    issues.push({ kind: 'type', where, detail: 'not a date-time' });
  }
  if (schema.enum && !schema.enum.includes(value)) issues.push({ kind: 'type', where, detail: `${String(value)} is not in the enum` });
  if (type === 'array' && schema.items) {
    for (const item of value as unknown[]) walk(spec, schema.items, item, where, issues);
  }
  if (type === 'object' && schema.properties) {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const declared = schema.properties[key];
      if (!declared) issues.push({ kind: 'undeclared-property', where: `${where}.${key}`, detail: `${key} is not in the spec's schema` });
      else walk(spec, declared, child, `${where}.${key}`, issues);
    }
  }
}

/** Every difference between a value and a schema of the spec, named from `where` (request bodies, for one). */
export function checkValue(spec: OpenApi, schema: SchemaObject, value: unknown, where: string): Issue[] {
  const issues: Issue[] = [];
  walk(spec, schema, value, where, issues);
  return issues;
}

/** Every difference between one response and the spec. `path` excludes the /rest server prefix. */
export function checkResponse(spec: OpenApi, method: string, path: string, status: number, body: unknown): Issue[] {
  const template = findTemplate(spec, path);
  const operationName = `${method} ${template ?? path}`;
  const operation = template ? spec.paths[template]![method.toLowerCase()] : undefined;
  if (!operation) return [{ kind: 'undeclared-operation', where: operationName, detail: 'the spec has no such operation' }];
  const declared = operation.responses[String(status)];
  if (!declared) return [{ kind: 'undeclared-status', where: operationName, status, detail: `the spec does not declare ${status}` }];
  const schema = declared.content?.['application/json']?.schema;
  if (!schema) {
    return body === undefined ? [] : [{ kind: 'missing-body', where: operationName, status, detail: 'a body where the spec declares none' }];
  }
  if (body === undefined) return [{ kind: 'missing-body', where: operationName, status, detail: 'no body where the spec declares one' }];
  const issues: Issue[] = [];
  const isPage = typeof body === 'object' && body !== null && 'isLastPage' in body && Array.isArray((body as { values?: unknown }).values);
  const schemaIsPage = Boolean((schema.$ref ? spec.components.schemas[schema.$ref.split('/').pop()!] : schema)?.properties?.values);
  if (isPage && !schemaIsPage) {
    // A page where the spec names one item: hold each item against the item schema.
    issues.push({ kind: 'shape', where: operationName, status, detail: 'a page of items where the spec names a single item' });
    for (const item of (body as unknown as { values: unknown[] }).values) walk(spec, schema, item, 'item', issues);
    return issues;
  }
  walk(spec, schema, body, operationName, issues);
  return issues;
}

export const issueKey = (issue: { kind: string; where: string; status?: number }): string =>
  `${issue.kind} ${issue.where}${issue.status !== undefined ? ` ${issue.status}` : ''}`;

type Keyed = { kind: string; where: string; status?: number };

/** The issues a deviations list does not name, one per key: each is a difference nobody has explained. */
export function unlisted<T extends Keyed>(issues: readonly T[], known: readonly Keyed[]): T[] {
  const listed = new Set(known.map(issueKey));
  const unknown = new Map<string, T>();
  for (const issue of issues) if (!listed.has(issueKey(issue))) unknown.set(issueKey(issue), issue);
  return [...unknown.values()];
}

/** The listed deviations no issue shows any more, so the list does not outlive the behaviour. */
export function unseen(issues: readonly Keyed[], known: readonly Keyed[]): string[] {
  const seen = new Set(issues.map(issueKey));
  return known.map(issueKey).filter((key) => !seen.has(key));
}
