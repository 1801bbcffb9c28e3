import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ConfigError, loadConfig } from '../../src/config.js';
import { type FakeSmtp, startFakeSmtp } from '../support/fake-smtp-server.js';
import { toText } from '../support/html-text.js';
import { createInjectBrowser, type InjectBrowser } from '../support/inject-browser.js';
import { Resources } from '../support/resources.js';
import { startTestSite } from '../support/test-app.js';
import type { TestDb } from '../support/test-db.js';

const FIXTURE = 'purbeurre-aspidistras-fr-2019.jsonl.gz';
const NUTELLA = '3017620429484';
const PASSWORD = 'du-beurre-de-qualite';
const LINK = /https:\/\/pur-beurre\.example\/confirmer-email\?jeton=([\w-]+)/;

async function signUp(app: FastifyInstance, email: string, extra: Record<string, string> = {}) {
  const browser = createInjectBrowser(app);
  await browser.get('/inscription');
  const response = await browser.post('/inscription', {
    email,
    firstName: 'Colette',
    password: PASSWORD,
    passwordConfirm: PASSWORD,
    ...extra,
  });
  assert.equal(response.statusCode, 303, toText(response.body));
  return { browser, next: String(response.headers.location) };
}

/** The verification link of the next mail to `email`, as a path on the site. */
async function linkFrom(smtp: FakeSmtp, email: string): Promise<string> {
  const mail = await smtp.waitForMail(email);
  assert.match(mail.raw, /^Subject: Pur Beurre : confirmez votre adresse e-mail/im);
  const token = mail.text.match(LINK)?.[1];
  assert.ok(token !== undefined, mail.text);
  return `/confirmer-email?jeton=${token}`;
}

describe('e-mail verification at sign-up (EMAIL_VERIFICATION on)', () => {
  let testDb: TestDb;
  let smtp: FakeSmtp;
  let app: FastifyInstance;
  let substitute = '';

  const save = (browser: InjectBrowser) =>
    browser.post('/mes-aliments', { product: NUTELLA, substitute, next: `/produit/${NUTELLA}/substituts` });

  const resources = new Resources();
  before(async () => {
    smtp = resources.add(await startFakeSmtp(), (s) => s.close());
    ({ testDb, app } = await startTestSite(resources, {
      fixtures: [FIXTURE],
      env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://pur-beurre.example', EMAIL_VERIFICATION: 'true' },
    }));
    // A visitor's "Sauvegarder" carries the pair to log-in or sign-up.
    const page = await app.inject(`/produit/${NUTELLA}/substituts`);
    substitute = page.body.match(new RegExp(`sauver=${NUTELLA}-(\\d+)`))?.[1] ?? '';
    assert.notEqual(substitute, '');
  });
  after(() => resources.close());

  it('mails a single-use link, and saves nothing, the pending pair included, until it is opened', async () => {
    const { browser, next } = await signUp(app, 'colette@example.org', {
      sauver: `${NUTELLA}-${substitute}`,
    });
    const welcome = toText((await browser.get(next)).body);
    assert.match(welcome, /Nous avons envoyé un lien de confirmation à colette@example\.org/);
    assert.match(welcome, /n’est pas encore sauvegardé/);
    const link = await linkFrom(smtp, 'colette@example.org');
    const [stored] = await testDb.db.query<{ token_hash: string }>(
      'SELECT token_hash FROM email_verifications',
    );
    assert.ok(stored !== undefined && !link.includes(stored.token_hash), 'only a hash is stored');

    assert.equal((await save(browser)).statusCode, 303);
    const refused = toText((await browser.get(`/produit/${NUTELLA}/substituts`)).body);
    assert.match(refused, /Confirmez d’abord votre adresse e-mail/);
    assert.doesNotMatch(toText((await browser.get('/mes-aliments')).body), /Retirer/);
    assert.match(
      toText((await browser.get('/mon-compte')).body),
      /n’est pas encore confirmée.*Renvoyer le lien/,
    );

    const opened = await browser.get(link);
    assert.equal(opened.statusCode, 303);
    assert.equal(opened.headers.location, '/mes-aliments');
    assert.match(toText((await browser.get('/mes-aliments')).body), /Votre adresse e-mail est confirmée/);
    await save(browser);
    assert.match(
      toText((await browser.get(`/produit/${NUTELLA}/substituts`)).body),
      /est sauvegardé dans Mes aliments/,
    );
    assert.doesNotMatch(toText((await browser.get('/mon-compte')).body), /pas encore confirmée/);

    const again = await app.inject(link);
    assert.equal(again.statusCode, 400, 'a link works once');
    assert.match(toText(again.body), /Lien expiré ou déjà utilisé/);
  });

  it('refuses an expired link and sends another from Mon compte', async () => {
    const { browser } = await signUp(app, 'remy@example.org');
    const expired = await linkFrom(smtp, 'remy@example.org');
    await testDb.db.query("UPDATE email_verifications SET expires_at = now() - interval '1 second'");
    assert.equal((await browser.get(expired)).statusCode, 400);

    await browser.get('/mon-compte');
    assert.equal((await browser.post('/mon-compte/confirmer-email', {})).statusCode, 303);
    assert.match(
      toText((await browser.get('/mon-compte')).body),
      /nouveau lien de confirmation à remy@example\.org/,
    );
    // Opened on another device, logged out: verified all the same, then asked to log in.
    const opened = await app.inject(await linkFrom(smtp, 'remy@example.org'));
    assert.equal(opened.statusCode, 303);
    assert.equal(opened.headers.location, '/connexion');
    assert.doesNotMatch(toText((await browser.get('/mon-compte')).body), /pas encore confirmée/);
  });

  it('verifies a changed address again: a link sent to the former one verifies nothing', async () => {
    const { browser } = await signUp(app, 'lea@example.org');
    const former = await linkFrom(smtp, 'lea@example.org');
    await browser.get('/mon-compte');
    const changed = await browser.post('/mon-compte', {
      email: 'lea.nouvelle@example.org',
      firstName: 'Léa',
      lastName: '',
      currentPassword: PASSWORD,
    });
    assert.equal(changed.statusCode, 303);
    const fresh = await linkFrom(smtp, 'lea.nouvelle@example.org');
    assert.equal((await browser.get(former)).statusCode, 400);
    assert.match(
      toText((await browser.get('/mon-compte')).body),
      /lea\.nouvelle@example\.org n’est pas encore confirmée/,
    );
    assert.equal((await browser.get(fresh)).statusCode, 303);
    assert.doesNotMatch(toText((await browser.get('/mon-compte')).body), /pas encore confirmée/);
  });

  it('limits link requests like log-ins', async () => {
    let last = 0;
    for (let attempt = 0; attempt < 12; attempt++)
      last = (await app.inject('/confirmer-email?jeton=nimporte-quoi')).statusCode;
    assert.equal(last, 429);
  });
});

describe('e-mail verification off (the default)', () => {
  let testDb: TestDb;
  let smtp: FakeSmtp;
  let app: FastifyInstance;

  const resources = new Resources();
  before(async () => {
    smtp = resources.add(await startFakeSmtp(), (s) => s.close());
    ({ testDb, app } = await startTestSite(resources, { fixtures: [FIXTURE], env: { SMTP_URL: smtp.url } }));
  });
  after(() => resources.close());

  it('lets a new account save at once and makes no link', async () => {
    const { browser } = await signUp(app, 'colette@example.org');
    const page = await browser.get(`/produit/${NUTELLA}/substituts`);
    const substitute = page.body.match(/name="substitute" value="(\d+)"/)?.[1] ?? '';
    await browser.post('/mes-aliments', { product: NUTELLA, substitute });
    assert.match(toText((await browser.get('/mes-aliments')).body), /Retirer/);
    assert.doesNotMatch(toText((await browser.get('/mon-compte')).body), /pas encore confirmée/);
    const [row] = await testDb.db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM email_verifications',
    );
    assert.equal(row?.count, 0);
  });

  it('refuses EMAIL_VERIFICATION without SMTP_URL, saying why', () => {
    assert.throws(
      () => loadConfig({ EMAIL_VERIFICATION: 'true' }, '/nonexistent/.env'),
      (error: unknown) =>
        error instanceof ConfigError && /EMAIL_VERIFICATION: needs SMTP_URL/.test(error.message),
    );
  });
});
