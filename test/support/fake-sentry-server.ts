// A real HTTP server on loopback that accepts Sentry envelopes where a DSN points the SDK
// (`POST /api/<project>/envelope/`), so the real @sentry/node client is tested end to end.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface EnvelopeItem {
  header: { type: string; [key: string]: unknown };
  payload: Record<string, unknown>;
}

export interface Envelope {
  project: string;
  /** The public key the SDK authenticated with. */
  key: string | null;
  header: Record<string, unknown>;
  items: EnvelopeItem[];
  /** The raw text, for "was this ever sent" assertions. */
  raw: string;
}

/** The fields of a Sentry event the tests look at. */
export interface SentryEvent {
  event_id?: string;
  release?: string;
  environment?: string;
  level?: string;
  message?: string | { formatted?: string; message?: string };
  tags?: Record<string, string>;
  exception?: { values: { type: string; value: string }[] };
  request?: { url: string; method: string; query_string?: string };
  user?: { ip_address?: string };
}

/** A cron monitor check-in (item type `check_in`). */
export interface SentCheckIn {
  check_in_id: string;
  monitor_slug: string;
  status: 'in_progress' | 'ok' | 'error';
  duration?: number;
  environment?: string;
}

export interface FakeSentry {
  /** A DSN for project 42 with public key `testkey`. */
  dsn: string;
  envelopes: Envelope[];
  /** Every event item (errors and messages) received so far. */
  events(): SentryEvent[];
  /** Every cron check-in received so far. */
  checkIns(): SentCheckIn[];
  /** Answer envelopes with this status instead of 200 (e.g. 403: revoked key). */
  status: number;
  close(): Promise<void>;
}

const PROJECT = '42';
const KEY = 'testkey';

export async function startFakeSentry(): Promise<FakeSentry> {
  const envelopes: Envelope[] = [];
  const fake = { status: 200 };
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body = Buffer.concat(chunks);
    if (request.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
    const match = /^\/api\/([^/]+)\/envelope\/?(\?.*)?$/.exec(request.url ?? '');
    if (request.method !== 'POST' || match === null) {
      response.writeHead(404).end();
      return;
    }
    const auth = String(request.headers['x-sentry-auth'] ?? '');
    const query = new URL(request.url ?? '/', 'http://fake').searchParams;
    const key = /sentry_key=([^,\s]+)/.exec(auth)?.[1] ?? query.get('sentry_key');
    const envelope = { project: match[1] ?? '', key, ...parseEnvelope(body) };
    envelopes.push(envelope);
    const status = envelope.project === PROJECT && key === KEY ? fake.status : 403;
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify(status === 200 ? { id: envelope.header.event_id ?? null } : { detail: 'refused' }),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    dsn: `http://${KEY}@127.0.0.1:${port}/${PROJECT}`,
    envelopes,
    events: () => itemsOfType<SentryEvent>(envelopes, 'event'),
    checkIns: () => itemsOfType<SentCheckIn>(envelopes, 'check_in'),
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  });
}

function itemsOfType<T>(envelopes: readonly Envelope[], type: string): T[] {
  return envelopes.flatMap((envelope) =>
    envelope.items.filter((item) => item.header.type === type).map((item) => item.payload as T),
  );
}

/** Envelope format: https://develop.sentry.dev/sdk/data-model/envelopes/ */
function parseEnvelope(body: Buffer): Omit<Envelope, 'project' | 'key'> {
  let offset = 0;
  const readLine = (): string => {
    const end = body.indexOf(0x0a, offset);
    const line = body.subarray(offset, end === -1 ? body.length : end).toString('utf8');
    offset = end === -1 ? body.length : end + 1;
    return line;
  };
  const header = JSON.parse(readLine()) as Record<string, unknown>;
  const items: EnvelopeItem[] = [];
  while (offset < body.length) {
    const line = readLine();
    if (line.trim() === '') continue;
    const itemHeader = JSON.parse(line) as EnvelopeItem['header'];
    let payloadText: string;
    if (typeof itemHeader.length === 'number') {
      payloadText = body.subarray(offset, offset + itemHeader.length).toString('utf8');
      offset += itemHeader.length + 1;
    } else payloadText = readLine();
    items.push({ header: itemHeader, payload: JSON.parse(payloadText) as Record<string, unknown> });
  }
  return { header, items, raw: body.toString('utf8') };
}
