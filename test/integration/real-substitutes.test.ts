// Issue 12 measured on real Open Food Facts records (test/fixtures/off): every JSONL fixture is
// imported into one catalogue, and named real products are checked as a shopper would see them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { importCatalogue } from '../../src/catalogue/import.js';
import { openJsonlFile } from '../../src/off/record-source.js';
import { samplePath } from '../support/off-samples.js';
import { Resources } from '../support/resources.js';
import { buildTestApp } from '../support/test-app.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

export const REAL_FIXTURES = [
  'off-dump-min-1000.jsonl.gz',
  'purbeurre-aspidistras-fr-2019.jsonl.gz',
  'purbeurre-davidbarat-fr-2021.jsonl.gz',
  'purbeurre-guillaumeoj-fixture.jsonl',
];

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('substitutes on real Open Food Facts data', () => {
  let testDb: TestDb;
  let app: FastifyInstance;
  const resources = new Resources();
  before(async () => {
    testDb = resources.add(await createTestDb('pglite'), (t) => t.drop());
    for (const name of REAL_FIXTURES) {
      await importCatalogue(testDb.db, await openJsonlFile(samplePath(name)));
    }
    app = resources.add(await buildTestApp(testDb.db), (a) => a.close());
  });
  after(() => resources.close());

  const page = async (url: string) => {
    const response = await app.inject(url);
    assert.equal(response.statusCode, 200, url);
    return text(response.body);
  };

  describe('the current Nutri-Score', () => {
    it('shows the 2023 grade, and says so, where it differs from the older one', async () => {
      // Yaourt de brebis vanille: B under the older algorithm, C in 2023.
      const sheet = await page('/produit/0002000002336');
      assert.match(sheet, /Nutri-Score C/);
      assert.doesNotMatch(sheet, /Nutri-Score B/);
      assert.match(sheet, /méthode de 2023/);
    });

    it('says when a grade comes from the older computation', async () => {
      // The 2019 Pur Beurre fixture only has `nutriscore_grade`.
      assert.match(await page('/produit/3017620429484'), /ancienne méthode/);
    });

    it('shows a not-applicable Nutri-Score as such, never as unknown', async () => {
      // Balsamic vinegar of Modena: OFF does not grade vinegars.
      const sheet = await page('/produit/0008295616241');
      assert.match(sheet, /Nutri-Score : non concerné/);
      assert.doesNotMatch(sheet, /inconnu/);
      const substitutes = await page('/produit/0008295616241/substituts');
      assert.match(substitutes, /ne s’applique pas/);
      assert.doesNotMatch(substitutes, /inconnu|pas encore de Nutri-Score/);
    });
  });
});
