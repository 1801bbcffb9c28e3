import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Resources } from '../support/resources.js';
import { startTestSite } from '../support/test-app.js';

describe('the site shell', () => {
  let app: FastifyInstance;

  const resources = new Resources();
  before(async () => {
    ({ app } = await startTestSite(resources, { fixtures: ['purbeurre-guillaumeoj-fixture.jsonl'] }));
    app.get('/boom', async () => {
      throw new Error('secret internals: password=hunter2');
    });
  });
  after(() => resources.close());

  it('shows the home page in French with the tagline, a search field and the catalogue size', async () => {
    const response = await app.inject('/');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /text\/html; charset=utf-8/);
    assert.match(response.body, /^<!doctype html><html lang="fr">/);
    assert.match(response.body, /Du gras, oui, mais de qualité !/);
    assert.match(response.body, /<search><form action="\/recherche" method="get"/);
    assert.match(response.body, /49 produits dans notre catalogue/);
    assert.match(response.body, /Colette et Rémy/);
    assert.doesNotMatch(response.body, /Catalogue de démonstration/);
  });

  it('shows a friendly 404 page with a search field for an unknown address', async () => {
    const response = await app.inject('/nulle-part');
    assert.equal(response.statusCode, 404);
    assert.match(response.body, /Page introuvable/);
    assert.match(response.body, /<search>/);
  });

  it('shows a generic 500 page that reveals nothing of the failure', async () => {
    const response = await app.inject('/boom');
    assert.equal(response.statusCode, 500);
    assert.match(response.body, /Oups, une erreur est survenue/);
    assert.doesNotMatch(response.body, /secret internals|hunter2|Error/);
  });

  it('answers a malformed request with a 400 page, not a 500', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/json' },
      payload: '{"broken": ',
    });
    assert.ok(response.statusCode === 400 || response.statusCode === 404, `got ${response.statusCode}`);
    assert.doesNotMatch(response.body, /Unexpected|JSON|stack/);
  });

  it('serves the stylesheets with long cache headers and refuses paths outside the static folders', async () => {
    const css = await app.inject('/static/pur-beurre.css');
    assert.equal(css.statusCode, 200);
    assert.match(css.headers['cache-control'] ?? '', /max-age=604800/);
    const bootstrap = await app.inject('/static/vendor/bootstrap.min.css');
    assert.equal(bootstrap.statusCode, 200);
    // The camera scan's decoder, self-hosted: the script, and the WebAssembly it compiles.
    const ponyfill = await app.inject('/static/vendor/barcode-detector/ponyfill.js');
    assert.equal(ponyfill.statusCode, 200);
    assert.match(ponyfill.body, /BarcodeDetectionAPI/);
    const wasm = await app.inject('/static/vendor/zxing/zxing_reader.wasm');
    assert.equal(wasm.statusCode, 200);
    // instantiateStreaming accepts only this type.
    assert.match(String(wasm.headers['content-type']), /^application\/wasm/);
    assert.deepEqual([...wasm.rawPayload.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d]);
    for (const path of [
      '/static/../package.json',
      '/static/%2e%2e/package.json',
      '/static/vendor/bootstrap.js',
      '/static/vendor/barcode-detector/package.json',
      '/static/vendor/barcode-detector/index.js',
      '/static/vendor/zxing/zxing_full.wasm',
      '/static/vendor/zxing/../../package.json',
    ]) {
      const response = await app.inject(path);
      assert.equal(response.statusCode, 404, path);
      assert.doesNotMatch(response.body, /"name": "pur-beurre"/);
    }
  });
});
