import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControl, type ControlApi } from './control-api';
import { FaultPlan } from './faults';
import type { RequestContext } from './request-context';
import { route, type Family } from './routes';
import type { EmulatorState } from './state';
import { OperationThrottle } from './throttle';
import {
  OPERATIONS,
  ServiceFault,
  jsonReply,
  oidcError,
  portalError,
  stsError,
  textReply,
  type OperationName,
  type Reply,
  type RequestLogEntry,
} from './wire';

const MAX_BODY_BYTES = 1024 * 1024;

export type OperationCounts = Record<OperationName, number>;

/** The HTTP side of the emulator: one origin for every service, plus the control API. */
export class IdentityCenterServer {
  readonly throttle = new OperationThrottle();
  readonly faults = new FaultPlan();
  latencyMs = 0;
  readonly log: RequestLogEntry[] = [];
  readonly counts: OperationCounts = Object.fromEntries(OPERATIONS.map((op) => [op, 0])) as OperationCounts;
  throttled = 0;
  private server: Server | undefined;

  constructor(private readonly state: EmulatorState, private readonly control: ControlApi) {}

  async listen(port: number, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        // A bug in the emulator, not a modelled fault: make it loud in the test output.
        console.error('identity-center emulator: unhandled error', error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('emulator error');
      });
    });
    server.keepAliveTimeout = 5_000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    return `http://${host}:${address.port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
    const body = await readBody(req);
    if (body === undefined) {
      res.writeHead(413, { 'content-type': 'text/plain' }).end('request body too large');
      return;
    }
    const ctx: RequestContext = {
      state: this.state,
      method: req.method ?? 'GET',
      rawPath,
      path: safeDecode(rawPath),
      query: new URLSearchParams(rawQuery),
      rawQuery,
      headers: req.headers,
      body,
      log: {},
    };
    if (ctx.path === '/_control' || ctx.path.startsWith('/_control/')) {
      this.write(res, await handleControl(ctx, this.control));
      return;
    }
    const target = route(ctx);
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    if (!target) {
      this.write(res, textReply(404, 'Not Found'));
      return;
    }
    const { operation, family, handler } = target;
    const isOperation = (OPERATIONS as readonly string[]).includes(operation);
    if (isOperation) this.counts[operation as OperationName] += 1;
    let reply: Reply;
    const fault = isOperation ? this.faults.take(operation) : undefined;
    if (fault === 'drop') {
      this.record({ operation, status: 0, errorType: 'ConnectionDropped', time: this.state.clock.now() });
      req.socket.destroy();
      return;
    }
    if (fault === 'http-500') {
      reply = serverFault(family);
    } else if (isOperation && !this.throttle.admit(operation)) {
      this.throttled += 1;
      reply = throttledReply(family);
    } else {
      try {
        reply = await handler(ctx);
      } catch (error) {
        if (!(error instanceof ServiceFault)) throw error;
        reply = error.reply;
      }
    }
    this.record({ operation, status: reply.status, ...(reply.errorType ? { errorType: reply.errorType } : {}), time: this.state.clock.now(), ...definedOnly(ctx.log) });
    this.write(res, reply);
  }

  private record(entry: RequestLogEntry): void {
    this.log.push(entry);
  }

  private write(res: ServerResponse, reply: Reply): void {
    // The server's idea of now, which SigV4 clients use to correct their clock skew.
    res.writeHead(reply.status, { date: new Date(this.state.clock.now()).toUTCString(), ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
    res.end(reply.body);
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function serverFault(family: Family): Reply {
  switch (family) {
    case 'oidc':
      return oidcError('InternalServerException', 'An internal error occurred').reply;
    case 'portal':
      return portalError('InternalServerException', 'An internal error occurred').reply;
    case 'sts':
      return stsError(500, 'InternalFailure', 'The request processing has failed because of an unknown error.', 'Receiver').reply;
    default:
      return { ...textReply(500, 'Internal Server Error'), errorType: 'InternalServerError' };
  }
}

function throttledReply(family: Family): Reply {
  switch (family) {
    case 'sts':
      return stsError(400, 'Throttling', 'Rate exceeded').reply;
    case 'portal':
      return portalError('TooManyRequestsException', 'HTTP 429 Unknown Code').reply;
    case 'oidc':
      // sso-oidc models no throttling error; the service answers 429 like the portal does.
      return { ...jsonReply(429, { message: 'Rate exceeded' }, { 'x-amzn-errortype': 'TooManyRequestsException' }), errorType: 'TooManyRequestsException' };
    default:
      return { ...jsonReply(429, { message: 'Rate exceeded' }), errorType: 'TooManyRequestsException' };
  }
}

