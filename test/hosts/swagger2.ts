// Swagger 2 descriptions (GitLab's generated openapi_v2.yaml; Gitea and Forgejo publish the same
// version) read into the OpenAPI 3 shape openapi-check.ts walks: definitions become components, each
// response schema sits under application/json, and the server is https://host + basePath. The
// walker resolves a $ref by its last segment, so "#/definitions/X" needs no rewriting.
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { findTemplate, type Issue, type OpenApi, type SchemaObject } from './openapi-check';

interface Swagger2 {
  swagger: string;
  host?: string;
  basePath?: string;
  paths: Record<string, Record<string, { responses?: Record<string, { schema?: SchemaObject }> }>>;
  definitions?: Record<string, SchemaObject>;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

/** Reads a Swagger 2 file, YAML or JSON (JSON is YAML too). */
export function loadSwagger2(path: string): OpenApi {
  const doc = load(readFileSync(path, 'utf8')) as Swagger2;
  if (doc.swagger !== '2.0') throw new Error(`${path} is not a Swagger 2.0 description`);
  const paths: OpenApi['paths'] = {};
  for (const [template, item] of Object.entries(doc.paths)) {
    paths[template] = {};
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const responses: Record<string, { content?: Record<string, { schema?: SchemaObject }> }> = {};
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        responses[status] = response.schema ? { content: { 'application/json': { schema: response.schema } } } : {};
      }
      paths[template]![method] = { responses };
    }
  }
  return {
    servers: [{ url: `https://${doc.host ?? 'localhost'}${doc.basePath ?? ''}` }],
    paths,
    components: { schemas: doc.definitions ?? {} },
  };
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
