export { BodyTooLargeError, createHttpClient, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS } from './client';
export type { HttpClient, HttpClientOptions, HttpMethod, HttpRequest, HttpResponse } from './client';
export { TransportError } from './transport-errors';
export { DEFAULT_RETRY, type RetryPolicy } from './retry';
