import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorState } from './state';
import type { LogFields } from './wire';

/** One parsed HTTP request, as every handler sees it. */
export interface RequestContext {
  state: EmulatorState;
  method: string;
  /** Path without the query string, as sent (still percent-encoded). */
  rawPath: string;
  path: string;
  query: URLSearchParams;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Handlers fill this in for the request log. */
  log: LogFields;
}

/** The header's single value (Node joins repeated headers with ", "). */
export function header(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}
