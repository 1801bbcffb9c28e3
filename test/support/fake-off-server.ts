// A real HTTP server on loopback that speaks Open Food Facts' formats (API v2 search JSON, JSONL
// exports, gzip), with the faults real networks have. Our real client code talks to it.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { TAXONOMY_PATH } from '../../src/off/taxonomy.js';
import { readSample, TAXONOMY_FIXTURE } from './off-samples.js';

export interface RecordedRequest {
  path: string;
  query: URLSearchParams;
  userAgent: string | undefined;
}

export type Fault =
  /** Answer with this status the next `times` requests. */
  | { kind: 'status'; status: number; times: number }
  /** Send the headers and this many bytes of the body, then go silent without closing. */
  | { kind: 'stall'; afterBytes: number }
  /** Send this many bytes of the body, then cut the connection. */
  | { kind: 'reset'; afterBytes: number }
  /** Answer normally, but only once `until` resolves (a download in progress, for as long as a test needs). */
  | { kind: 'hold'; until: Promise<void> };

export interface FakeOff {
  url: string;
  requests: RecordedRequest[];
  /** Products the search API pages through. */
  searchProducts: unknown[];
  /** Static files by path, e.g. `/data/openfoodfacts-products.jsonl.gz`; the taxonomy from the start. */
  files: Map<string, Buffer>;
  faults: Map<string, Fault>;
  /** Resolves when the next request for `path` arrives. */
  nextRequest(path: string): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeOff(): Promise<FakeOff> {
  const waiting: { path: string; arrived: () => void }[] = [];
  const fake: Omit<FakeOff, 'url' | 'close'> = {
    requests: [],
    searchProducts: [],
    files: new Map([[TAXONOMY_PATH, gunzipSync(readSample(TAXONOMY_FIXTURE))]]),
    faults: new Map(),
    nextRequest: (path) => new Promise((arrived) => waiting.push({ path, arrived })),
  };
  const stalled = new Set<ServerResponse>();

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake-off');
    fake.requests.push({
      path: url.pathname,
      query: url.searchParams,
      userAgent: request.headers['user-agent'],
    });
    for (const waiter of waiting.filter((w) => w.path === url.pathname)) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.arrived();
    }
    const fault = fake.faults.get(url.pathname);
    if (fault?.kind === 'hold') {
      fake.faults.delete(url.pathname);
      await fault.until;
    }
    if (fault?.kind === 'status') {
      if (--fault.times <= 0) fake.faults.delete(url.pathname);
      return sendJson(response, fault.status, { status: 0, status_verbose: 'fault injected' });
    }
    const body = route(url, request);
    if (body === null) return sendJson(response, 404, { status: 0, status_verbose: 'not found' });
    if (fault?.kind === 'stall' || fault?.kind === 'reset') {
      response.writeHead(200, { 'content-length': body.length });
      response.write(body.subarray(0, fault.afterBytes));
      if (fault.kind === 'reset') setImmediate(() => response.socket?.destroy());
      else stalled.add(response);
      return;
    }
    response.writeHead(200, { 'content-length': body.length, 'content-type': contentType(url.pathname) });
    response.end(body);
  });

  function route(url: URL, _request: IncomingMessage): Buffer | null {
    if (url.pathname === '/api/v2/search') return Buffer.from(JSON.stringify(searchPage(url.searchParams)));
    return fake.files.get(url.pathname) ?? null;
  }

  function searchPage(query: URLSearchParams) {
    const page = Number(query.get('page') ?? 1);
    const pageSize = Number(query.get('page_size') ?? 24);
    const skip = (page - 1) * pageSize;
    const products = fake.searchProducts.slice(skip, skip + pageSize);
    return {
      count: fake.searchProducts.length,
      page,
      page_count: products.length,
      page_size: pageSize,
      skip,
      products,
    };
  }

  // Node closes a keep-alive socket after 5 s idle; a loaded machine's slow import still reading
  // a 5 MB delta then saw "other side closed" (bench:update, 2026-12-03).
  server.keepAliveTimeout = 600_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const response of stalled) response.socket?.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  });
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

function contentType(path: string): string {
  if (path.endsWith('.gz')) return 'application/gzip';
  if (path.endsWith('.txt')) return 'text/plain';
  if (path.endsWith('.json')) return 'application/json';
  return 'application/octet-stream';
}
