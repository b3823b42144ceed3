// The components of GitHub's description that the trimmed copy
// (test/fixtures/specs/github-api.2026-03-10.tokens-trimmed.openapi.json) leaves as stubs ("TRIMMED …
// not copied"), as upstream defines them in github/rest-api-description (components.responses and
// components.schemas of the api.github.com descriptions): the ones POST /credentials/revoke refers to,
// and basic-error, the body of every GitHub refusal, GET /user's included. Examples are left out. The
// contract test fills the stubs with these and checks that the copy still stubs them, or already
// agrees, so the two cannot drift apart.
import type { SchemaObject } from './openapi-check';

type Response = { description: string; content?: Record<string, { schema: SchemaObject }> };

const json = (schema: SchemaObject) => ({ 'application/json': { schema } });

export const UPSTREAM_RESPONSES: Record<string, Response> = {
  accepted: { description: 'Accepted', content: json({ type: 'object' }) },
  validation_failed_simple: {
    description: 'Validation failed, or the endpoint has been spammed.',
    content: json({ $ref: '#/components/schemas/validation-error-simple' }),
  },
  internal_error: { description: 'Internal Error', content: json({ $ref: '#/components/schemas/basic-error' }) },
};

export const UPSTREAM_SCHEMAS: Record<string, SchemaObject> = {
  'basic-error': {
    type: 'object',
    properties: {
      message: { type: 'string' },
      documentation_url: { type: 'string' },
      url: { type: 'string' },
      status: { type: 'string' },
    },
  },
  'validation-error-simple': {
    type: 'object',
    required: ['message', 'documentation_url'],
    properties: {
      message: { type: 'string' },
      documentation_url: { type: 'string' },
      errors: { type: 'array', items: { type: 'string' } },
    },
  },
};
