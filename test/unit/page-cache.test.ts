// The visitors' page cache on a bare Fastify app: a route whose rendering the test holds open, to
// see what concurrent visitors of a page that is not cached yet get.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { pageCache } from '../../src/web/page-cache.js';

interface Gate {
  /** Resolves when a rendering has started. */
  started: Promise<void>;
  release: () => void;
}

interface HeldPageApp {
  app: FastifyInstance;
  renders: () => number;
  hold: () => Gate;
  /** Resolves once `count` requests have reached the cache (and, after a turn, its wait). */
  arrived: (count: number) => Promise<void>;
}

async function appWithHeldPage(status: number): Promise<HeldPageApp> {
  const app = Fastify();
  let arrivals = 0;
  const waits: { count: number; resolve: () => void }[] = [];
  // Before the cache's own preHandler: it runs next, within the same turn of the event loop.
  app.addHook('preHandler', async () => {
    arrivals += 1;
    for (const wait of waits) if (arrivals >= wait.count) wait.resolve();
  });
  await app.register(pageCache, { ttlMs: 30_000, maxEntries: 10 });
  let renders = 0;
  let gate: { started: () => void; released: Promise<void> } | undefined;
  app.get('/recherche', { config: { pageCache: true } }, async (_request, reply) => {
    renders += 1;
    const rendering = renders;
    const held = gate;
    gate = undefined;
    if (held !== undefined) {
      held.started();
      await held.released;
    }
    return reply.code(status).type('text/html').send(`rendering ${rendering}`);
  });
  return {
    app,
    renders: () => renders,
    arrived: async (count) => {
      await new Promise<void>((resolve) => waits.push({ count, resolve }));
      await new Promise((resolve) => setImmediate(resolve));
    },
    hold: () => {
      let started = () => {};
      let release = () => {};
      const startedPromise = new Promise<void>((resolve) => (started = resolve));
      gate = { started, released: new Promise<void>((resolve) => (release = resolve)) };
      return { started: startedPromise, release };
    },
  };
}

describe('the page cache', () => {
  it('renders a page once for visitors asking for it at the same time', async () => {
    const { app, renders, hold, arrived } = await appWithHeldPage(200);
    const gate = hold();
    const first = app.inject('/recherche?q=chocolot');
    await gate.started;
    const others = Array.from({ length: 4 }, () => app.inject('/recherche?q=chocolot'));
    await arrived(5);
    gate.release();
    const answers = await Promise.all([first, ...others]);
    assert.equal(renders(), 1);
    assert.deepEqual(
      answers.map((answer) => answer.body),
      Array.from({ length: 5 }, () => 'rendering 1'),
    );
    assert.deepEqual(
      answers.map((answer) => answer.headers['x-page-cache']),
      [undefined, 'hit', 'hit', 'hit', 'hit'],
    );
    await app.close();
  });

  it('spreads the expiry of pages rendered together, within the TTL', async () => {
    const { app } = await appWithHeldPage(200);
    const keptFor: number[] = [];
    for (let page = 0; page < 60; page++) {
      const answer = await app.inject(`/recherche?q=page-${page}`);
      keptFor.push(Number(answer.headers['x-accel-expires']));
    }
    // nginx keeps each for the seconds the instance says: 19–29 of a 30 s TTL, not all 29.
    assert.ok(Math.min(...keptFor) >= 19 && Math.max(...keptFor) <= 29, keptFor.join(' '));
    assert.ok(Math.max(...keptFor) - Math.min(...keptFor) >= 5, keptFor.join(' '));
    await app.close();
  });

  it('sends a kept page gzipped to those who accept it, compressed once', async () => {
    const app = Fastify();
    await app.register(pageCache, { ttlMs: 30_000, maxEntries: 10 });
    const page = `<p>${'Pâte à tartiner aux noisettes. '.repeat(40)}</p>`;
    app.get('/recherche', { config: { pageCache: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(page),
    );
    const gzipped = { 'accept-encoding': 'gzip, deflate, br' };
    for (const cached of [undefined, 'hit']) {
      const nginx = await app.inject({ url: '/recherche?q=nutella', headers: gzipped });
      assert.equal(nginx.headers['x-page-cache'], cached);
      assert.equal(nginx.headers['content-encoding'], 'gzip');
      assert.equal(nginx.headers.vary, 'Accept-Encoding');
      assert.ok(nginx.rawPayload.length < Buffer.byteLength(page) / 5, String(nginx.rawPayload.length));
      assert.equal(gunzipSync(nginx.rawPayload).toString(), page);

      const plain = await app.inject({
        url: '/recherche?q=nutella',
        headers: { 'accept-encoding': 'identity' },
      });
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.equal(plain.body, page);
    }
    await app.close();
  });

  it('lets the waiting visitors render their own when the first answer is not kept', async () => {
    const { app, renders, hold, arrived } = await appWithHeldPage(500);
    const gate = hold();
    const first = app.inject('/recherche?q=chocolot');
    await gate.started;
    const other = app.inject('/recherche?q=chocolot');
    await arrived(2);
    gate.release();
    assert.equal((await first).body, 'rendering 1');
    assert.equal((await other).body, 'rendering 2');
    assert.equal(renders(), 2);
    await app.close();
  });
});
