// Gitea's, Forgejo's and GitLab's published descriptions are Swagger 2, not OpenAPI 3: schemas live under
// `definitions`, shared answers under `responses` (an operation points at #/responses/X), a request
// body is a parameter `in: body`, and a response may declare headers. loadSwagger reads such a file
// into the OpenApi shape that openapi-check.ts walks (so checkResponse holds bodies to it unchanged),
// and keeps what that shape has no place for, headers and body parameters, beside it.
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { checkValue, findTemplate, type Issue, type OpenApi, type SchemaObject } from './openapi-check';

type SwaggerSchema = SchemaObject & { 'x-nullable'?: boolean };

interface SwaggerResponse {
  $ref?: string;
  description?: string;
  schema?: SwaggerSchema;
  headers?: Record<string, unknown>;
}

interface SwaggerOperation {
  parameters?: Array<{ in: string; name: string; schema?: SwaggerSchema }>;
  responses?: Record<string, SwaggerResponse>;
}

interface SwaggerDocument {
  swagger: string;
  host?: string;
  basePath?: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, SwaggerOperation>>;
  definitions?: Record<string, SwaggerSchema>;
  responses?: Record<string, SwaggerResponse>;
}

/** Differences Swagger 2 adds to openapi-check's: headers, and required fields of a request body. */
export interface SwaggerIssue {
  kind: Issue['kind'] | 'undeclared-header' | 'missing-header' | 'missing-required';
  where: string;
  status?: number;
  detail: string;
}

export interface SwaggerSpec {
  /** The document as OpenAPI 3: its one server is the basePath (/api/v1). */
  spec: OpenApi;
  info: { title: string; version: string };
  /** The path template a request path (without the basePath) falls under, or null. */
  template(path: string): string | null;
  /** The headers one declared response names, lower-cased; null when the operation or status is not declared. */
  headers(method: string, path: string, status: number): string[] | null;
  /** The schema of an operation's body parameter, or null. */
  requestSchema(method: string, path: string): SchemaObject | null;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

/** x-nullable is Swagger 2's word for OpenAPI 3's nullable. */
function convertSchema(schema: SwaggerSchema): SchemaObject {
  const out: SchemaObject = { ...schema };
  delete (out as SwaggerSchema)['x-nullable'];
  if (schema['x-nullable']) out.nullable = true;
  if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, convertSchema(value)]));
  if (schema.items) out.items = convertSchema(schema.items);
  if (schema.allOf) out.allOf = schema.allOf.map(convertSchema);
  return out;
}

/** Reads a Swagger 2 file, JSON or YAML (JSON is YAML too). */
export function loadSwagger(path: string): SwaggerSpec {
  const doc = load(readFileSync(path, 'utf8')) as SwaggerDocument;
  if (doc.swagger !== '2.0') throw new Error(`${path} is not Swagger 2.0`);
  const resolve = (response: SwaggerResponse): SwaggerResponse =>
    response.$ref ? doc.responses?.[response.$ref.replace('#/responses/', '')] ?? {} : response;

  const paths: OpenApi['paths'] = {};
  for (const [template, item] of Object.entries(doc.paths)) {
    paths[template] = {};
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const responses: Record<string, { content?: Record<string, { schema?: SchemaObject }> }> = {};
      for (const [status, declared] of Object.entries(operation.responses ?? {})) {
        const schema = resolve(declared).schema;
        responses[status] = schema ? { content: { 'application/json': { schema: convertSchema(schema) } } } : {};
      }
      paths[template][method] = { responses };
    }
  }
  const spec: OpenApi = {
    servers: [{ url: doc.basePath ?? '' }],
    paths,
    components: { schemas: Object.fromEntries(Object.entries(doc.definitions ?? {}).map(([name, schema]) => [name, convertSchema(schema)])) },
  };
  const operation = (method: string, path: string): SwaggerOperation | undefined => {
    const template = findTemplate(spec, path);
    return template ? doc.paths[template]?.[method.toLowerCase()] : undefined;
  };
  return {
    spec,
    info: doc.info,
    template: (path) => findTemplate(spec, path),
    headers(method, path, status) {
      const declared = operation(method, path)?.responses?.[String(status)];
      return declared ? Object.keys(resolve(declared).headers ?? {}).map((name) => name.toLowerCase()) : null;
    },
    requestSchema(method, path) {
      const schema = operation(method, path)?.parameters?.find((parameter) => parameter.in === 'body')?.schema;
      return schema ? convertSchema(schema) : null;
    },
  };
}

/**
 * The headers a client reads (`watched`, lower-cased) against one response's declaration: each one
 * sent must be declared, and each declared on a success must be sent. `sent` holds the response's
 * header names, lower-cased.
 */
export function checkHeaders(swagger: SwaggerSpec, method: string, path: string, status: number, sent: string[], watched: string[]): SwaggerIssue[] {
  const declared = swagger.headers(method, path, status);
  if (declared === null) return [];
  const where = `${method} ${swagger.template(path) ?? path}`;
  const issues: SwaggerIssue[] = [];
  for (const name of watched) {
    if (sent.includes(name) && !declared.includes(name)) {
      issues.push({ kind: 'undeclared-header', where: `${where} ${name}`, status, detail: `${name} is sent but not declared` });
    }
  }
  if (status < 300) {
    for (const name of declared) {
      if (!sent.includes(name)) issues.push({ kind: 'missing-header', where: `${where} ${name}`, status, detail: `${name} is declared but not sent` });
    }
  }
  return issues;
}

/** A request body against the operation's body parameter: the declared names and types, and its required fields. */
export function checkRequestBody(swagger: SwaggerSpec, method: string, path: string, body: unknown): SwaggerIssue[] {
  const schema = swagger.requestSchema(method, path);
  if (!schema) return [{ kind: 'undeclared-operation', where: `${method} ${path}`, detail: 'the spec declares no body for this operation' }];
  const name = schema.$ref?.split('/').pop();
  const resolved = name ? swagger.spec.components.schemas[name]! : schema;
  const issues: SwaggerIssue[] = checkValue(swagger.spec, schema, body, name ?? 'body');
  if (typeof body === 'object' && body !== null) {
    for (const field of resolved.required ?? []) {
      if (!(field in body)) issues.push({ kind: 'missing-required', where: `${name ?? 'body'}.${field}`, detail: `${field} is required` });
    }
  }
  return issues;
}

/**
 * What the generic walk lets through: a plain date (2026-11-01) where the spec says date-time. Date.parse
 * reads both, but a client parsing RFC 3339 date-times would not, so each such field is an issue.
 * Checks the top-level fields of the response's entity, or of each item of an array of them.
 */
export function dateTimeIssues(spec: OpenApi, method: string, path: string, status: number, body: unknown): Issue[] {
  const template = findTemplate(spec, path);
  const schema = template ? spec.paths[template]?.[method.toLowerCase()]?.responses[String(status)]?.content?.['application/json']?.schema : undefined;
  if (!schema) return [];
  const entityRef = schema.type === 'array' ? schema.items?.$ref : schema.$ref;
  const name = entityRef?.split('/').pop();
  const entity = name ? spec.components.schemas[name] : undefined;
  if (!name || !entity?.properties) return [];
  const items = Array.isArray(body) ? body : [body];
  const issues: Issue[] = [];
  for (const item of items) {
    if (item === null || typeof item !== 'object') continue;
    for (const [key, declared] of Object.entries(entity.properties)) {
      const value = (item as Record<string, unknown>)[key];
      if (declared.format === 'date-time' && typeof value === 'string' && !/T\d{2}:\d{2}/.test(value)) {
        issues.push({ kind: 'type', where: `${name}.${key}`, detail: `a plain date (${value}) where the spec says date-time` });
      }
    }
  }
  return issues;
}
