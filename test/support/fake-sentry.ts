// A real HTTP server on loopback that takes Sentry envelopes as sentry.io does
// (POST /api/<project>/envelope/, newline-delimited JSON, gzip or not), so the real SDK can be
// asserted on: which check-ins and events it sent.
// https://develop.sentry.dev/sdk/data-model/envelopes/
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface SentCheckIn {
  check_in_id: string;
  monitor_slug: string;
  status: 'in_progress' | 'ok' | 'error';
  duration?: number;
  environment?: string;
}

export interface FakeSentry {
  /** A DSN pointing here, for SENTRY_DSN. */
  dsn: string;
  checkIns: SentCheckIn[];
  /** Error events (item type `event`). */
  events: unknown[];
  close(): Promise<void>;
}

export async function startFakeSentry(): Promise<FakeSentry> {
  const checkIns: SentCheckIn[] = [];
  const events: unknown[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body = Buffer.concat(chunks);
    if (request.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
    if (request.method === 'POST' && /^\/api\/\d+\/envelope\/?$/.test(request.url?.split('?')[0] ?? '')) {
      // Envelope: a header line, then (item header line, payload line) pairs.
      const lines = body.toString('utf8').split('\n');
      for (let i = 1; i + 1 < lines.length; i += 2) {
        const header = JSON.parse(lines[i] ?? '{}') as { type?: string };
        const payload = JSON.parse(lines[i + 1] ?? 'null') as unknown;
        if (header.type === 'check_in') checkIns.push(payload as SentCheckIn);
        if (header.type === 'event') events.push(payload);
      }
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    dsn: `http://public@127.0.0.1:${port}/1`,
    checkIns,
    events,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
