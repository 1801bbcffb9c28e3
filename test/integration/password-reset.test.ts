import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type FakeSmtp, startFakeSmtp } from '../support/fake-smtp-server.js';
import { toText } from '../support/html-text.js';
import { createInjectBrowser } from '../support/inject-browser.js';
import { Resources } from '../support/resources.js';
import { startTestSite } from '../support/test-app.js';
import type { TestDb } from '../support/test-db.js';

const PASSWORD = 'du-beurre-de-qualite';
const NEW_PASSWORD = 'un-beurre-tout-neuf';

describe('password reset by e-mail', () => {
  let testDb: TestDb;
  let smtp: FakeSmtp;
  let app: FastifyInstance;

  const resources = new Resources();
  before(async () => {
    smtp = resources.add(await startFakeSmtp(), (s) => s.close());
    ({ testDb, app } = await startTestSite(resources, {
      env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://pur-beurre.example' },
    }));
    const browser = createInjectBrowser(app);
    await browser.get('/inscription');
    const signUp = await browser.post('/inscription', {
      email: 'colette@example.org',
      firstName: 'Colette',
      password: PASSWORD,
      passwordConfirm: PASSWORD,
    });
    assert.equal(signUp.statusCode, 303);
  });
  after(() => resources.close());

  const askForLink = async (email: string) => {
    const browser = createInjectBrowser(app);
    await browser.get('/mot-de-passe-oublie');
    return browser.post('/mot-de-passe-oublie', { email });
  };

  it('mails a single-use link, ends every session, and logs in with the new password', async () => {
    // A session on another device, which the reset must end.
    const other = createInjectBrowser(app);
    await other.get('/connexion');
    await other.post('/connexion', { email: 'colette@example.org', password: PASSWORD });
    assert.equal((await other.get('/mon-compte')).statusCode, 200);

    const logInPage = await app.inject('/connexion');
    assert.match(logInPage.body, /href="\/mot-de-passe-oublie"/);

    const asked = await askForLink('COLETTE@example.org ');
    assert.equal(asked.statusCode, 200);
    const mail = await smtp.waitForMail('colette@example.org');
    assert.match(mail.raw, /^Subject: Pur Beurre : choisir un nouveau mot de passe/im);
    const link = mail.text.match(/https:\/\/pur-beurre\.example\/nouveau-mot-de-passe\?jeton=([\w-]+)/);
    assert.ok(link !== null, mail.text);
    const token = link[1] ?? '';
    const [stored] = await testDb.db.query<{ token_hash: string }>('SELECT token_hash FROM password_resets');
    assert.ok(stored !== undefined && !stored.token_hash.includes(token), 'only a hash is stored');

    const browser = createInjectBrowser(app);
    const form = await browser.get(`/nouveau-mot-de-passe?jeton=${token}`);
    assert.equal(form.statusCode, 200);
    assert.equal(form.headers['referrer-policy'], 'no-referrer');
    const weak = await browser.post('/nouveau-mot-de-passe', {
      jeton: token,
      password: 'azertyuiop',
      passwordConfirm: 'autre-chose',
    });
    assert.equal(weak.statusCode, 400);
    assert.match(toText(weak.body), /plus utilisés/);
    assert.match(toText(weak.body), /ne sont pas identiques/);
    const done = await browser.post('/nouveau-mot-de-passe', {
      jeton: token,
      password: NEW_PASSWORD,
      passwordConfirm: NEW_PASSWORD,
    });
    assert.equal(done.statusCode, 303);
    const home = await browser.get('/');
    assert.match(toText(home.body), /Votre mot de passe est changé et vous êtes connecté/);
    assert.equal((await browser.get('/mon-compte')).statusCode, 200);
    assert.equal((await other.get('/mon-compte')).statusCode, 303, 'the other device is logged out');

    const again = createInjectBrowser(app);
    const usedLink = await again.get(`/nouveau-mot-de-passe?jeton=${token}`);
    assert.equal(usedLink.statusCode, 400);
    assert.match(toText(usedLink.body), /Lien expiré ou déjà utilisé/);
    // A form's CSRF token from another page, to reach the check itself.
    await again.get('/mot-de-passe-oublie');
    const reused = await again.post('/nouveau-mot-de-passe', {
      jeton: token,
      password: 'encore-un-autre-beurre',
      passwordConfirm: 'encore-un-autre-beurre',
    });
    assert.equal(reused.statusCode, 400, 'a link works once');
    assert.match(toText(reused.body), /Lien expiré ou déjà utilisé/);

    const logIn = createInjectBrowser(app);
    await logIn.get('/connexion');
    const response = await logIn.post('/connexion', { email: 'colette@example.org', password: NEW_PASSWORD });
    assert.equal(response.statusCode, 303);
  });

  it('answers the same whether the address has an account or not, and mails only real accounts', async () => {
    const before = smtp.mails.length;
    const known = await askForLink('colette@example.org');
    const unknown = await askForLink('personne@example.org');
    assert.equal(known.statusCode, unknown.statusCode);
    assert.equal(
      toText(known.body).replace(/[\w-]{20,}/g, ''),
      toText(unknown.body).replace(/[\w-]{20,}/g, ''),
    );
    await smtp.waitForMail('colette@example.org');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(smtp.mails.length, before + 1);
    assert.ok(!smtp.mails.some((mail) => mail.to.includes('personne@example.org')));
  });

  it('refuses expired links', async () => {
    await askForLink('colette@example.org');
    const mail = await smtp.waitForMail('colette@example.org');
    const token = mail.text.match(/jeton=([\w-]+)/)?.[1] ?? '';
    await testDb.db.query("UPDATE password_resets SET expires_at = now() - interval '1 second'");
    const response = await app.inject(`/nouveau-mot-de-passe?jeton=${token}`);
    assert.equal(response.statusCode, 400);
    assert.match(toText(response.body), /Lien expiré ou déjà utilisé/);
  });

  it('limits requests for links like log-ins', async () => {
    let last = 0;
    for (let attempt = 0; attempt < 12; attempt++) last = (await askForLink('x@example.org')).statusCode;
    assert.equal(last, 429);
  });
});

describe('password reset without SMTP_URL', () => {
  it('says the site cannot send e-mails and whom to write to', async () => {
    const resources = new Resources();
    try {
      const { app } = await startTestSite(resources, { env: { CONTACT_EMAIL: 'aide@example.org' } });
      const page = await app.inject('/mot-de-passe-oublie');
      assert.equal(page.statusCode, 200);
      assert.match(toText(page.body), /Ce site ne peut pas envoyer d’e-mails/);
      assert.match(page.body, /href="mailto:aide@example.org"/);
      assert.doesNotMatch(page.body, /action="\/mot-de-passe-oublie"/);
    } finally {
      await resources.close();
    }
  });
});
