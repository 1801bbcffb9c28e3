import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { toText } from '../support/html-text.js';
import { createInjectBrowser } from '../support/inject-browser.js';
import { Resources } from '../support/resources.js';
import { startTestSite } from '../support/test-app.js';
import type { TestDb } from '../support/test-db.js';

const NUTELLA = '3017620429484';
// Petit beurre (E): its reference category, en:biscuits, holds dozens of better products.
const PETIT_BEURRE = '3380380086632';

describe('the shopper’s pages', () => {
  let testDb: TestDb;
  let app: FastifyInstance;

  const resources = new Resources();
  before(async () => {
    ({ testDb, app } = await startTestSite(resources, {
      fixtures: ['purbeurre-aspidistras-fr-2019.jsonl.gz'],
    }));
  });
  after(() => resources.close());

  describe('search', () => {
    it('searches a typo spelled right, says so, and offers the words as typed', async () => {
      const response = await app.inject('/recherche?q=nutela');
      assert.equal(response.statusCode, 200);
      const text = toText(response.body);
      assert.match(text, /Résultats pour « nutella »/);
      assert.match(text, /Aucun produit ne correspond à « nutela »/);
      assert.match(response.body, /href="\/produit\/\d+\/substituts">Nutella</);
      assert.match(
        response.body,
        /<a href="\/recherche\?q=nutela&amp;exact=1">Rechercher « nutela » tel quel<\/a>/,
      );
      const asTyped = await app.inject('/recherche?q=nutela&exact=1');
      assert.equal(asTyped.statusCode, 200);
      assert.match(toText(asTyped.body), /Aucun produit ne correspond à « nutela »\./);
      assert.doesNotMatch(asTyped.body, /substituts">Nutella</);
    });

    it('lists several products to pick from, accent- and case-insensitively', async () => {
      const response = await app.inject('/recherche?q=PATE%20A%20TARTINER');
      assert.equal(response.statusCode, 200);
      assert.match(toText(response.body), /Plusieurs produits correspondent/);
      assert.match(response.body, /Pâte à tartiner/);
      assert.match(response.body, /Nutri-Score [A-E]/);
    });

    it('goes straight to the product for a barcode, and to a kind 404 for an unknown one', async () => {
      const known = await app.inject(`/recherche?q=${NUTELLA}`);
      assert.equal(known.statusCode, 303);
      assert.equal(known.headers.location, `/produit/${NUTELLA}`);
      const unknown = await app.inject('/recherche?q=0000000000000');
      assert.equal(unknown.headers.location, '/produit/0000000000000');
      const page = await app.inject('/produit/0000000000000');
      assert.equal(page.statusCode, 404);
      assert.match(toText(page.body), /Aucun produit ne porte le code-barres 0000000000000/);
      assert.match(page.body, /<search>/);
    });

    it('goes straight to the substitutes when one product matches, by its exact name', async () => {
      const response = await app.inject('/recherche?q=edamame');
      assert.equal(response.statusCode, 303);
      assert.match(String(response.headers.location), /^\/produit\/\d+\/substituts$/);
    });

    it('lists an exact name beside the other products that match ("Esparragos", "Espárragos blancos")', async () => {
      const response = await app.inject('/recherche?q=esparragos');
      assert.equal(response.statusCode, 200);
      assert.match(toText(response.body), /Esparragos .*Espárragos blancos/);
    });

    it('says so kindly when nothing matches', async () => {
      const response = await app.inject('/recherche?q=zzzqqqxxx');
      assert.equal(response.statusCode, 200);
      assert.match(toText(response.body), /Aucun produit ne correspond à « zzzqqqxxx »/);
    });

    it('corrects no short words ("à la")', async () => {
      const response = await app.inject('/recherche?q=%C3%A0%20la');
      assert.equal(response.statusCode, 200);
      assert.match(toText(response.body), /Aucun produit ne correspond à « à la »/);
    });

    it('survives hostile queries with a page, never a 500', async () => {
      for (const q of [
        '%00%01%ff%fe',
        '%27%3B%20DROP%20TABLE%20products%3B--',
        '%25%5F%5C',
        '<script>alert(1)</script>',
        '',
      ]) {
        const response = await app.inject(`/recherche?q=${q}`);
        assert.ok([200, 303].includes(response.statusCode), `${q}: ${response.statusCode}`);
        assert.doesNotMatch(response.body, /<script>alert/);
      }
      const huge = await app.inject(`/recherche?q=${'a'.repeat(5000)}`);
      assert.equal(huge.statusCode, 400);
      assert.match(huge.body, /Requête invalide/);
      const repeated = await app.inject('/recherche?q=a&q=b');
      assert.ok(repeated.statusCode < 500);
    });

    it('suggests names as JSON from our own catalogue, escaped by the client', async () => {
      const response = await app.inject('/api/autocomplete?q=NUT');
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json().suggestions.slice(0, 1), [{ name: 'Nutella', brand: null }]);
      assert.deepEqual((await app.inject('/api/autocomplete?q=n')).json().suggestions, []);
      assert.deepEqual((await app.inject('/api/autocomplete?q=%25')).json().suggestions, []);
    });
  });

  describe('product sheet and substitutes', () => {
    it('shows the sheet with the Nutri-Score, nutrient levels, the OFF link and the data date', async () => {
      const response = await app.inject(`/produit/${NUTELLA}`);
      assert.equal(response.statusCode, 200);
      const page = toText(response.body);
      assert.match(page, /Nutella/);
      assert.match(response.body, /class="nutriscore nutriscore-e nutriscore-lg">Nutri-Score E</);
      assert.match(page, /Matières grasses .*Acides gras saturés .*Sucres .*Sel/);
      assert.match(page, /Voir la fiche d’Open Food Facts/);
      assert.match(page, /Données (importées d’)?Open Food Facts (du|le) \d+ \S+ \d{4}/);
      assert.match(response.body, /loading="lazy"/);
    });

    it('shows six strictly better substitutes per page, with pages', async () => {
      const first = await app.inject(`/produit/${PETIT_BEURRE}/substituts`);
      assert.equal(first.statusCode, 200);
      const grades = [...first.body.matchAll(/class="nutriscore nutriscore-([a-e])"/g)].map((m) => m[1]);
      // The searched product (E) then six cards, all better than E.
      assert.equal(grades[0], 'e');
      assert.equal(grades.length, 7);
      assert.ok(grades.slice(1).every((grade) => grade !== undefined && grade < 'e'));
      assert.match(first.body, /aria-label="Page 2"/);
      assert.match(toText(first.body), /Nutri-Score E → [A-D]/);
      assert.match(toText(first.body), /Même rayon : Biscuits/);
      const second = await app.inject(`/produit/${PETIT_BEURRE}/substituts?page=2`);
      assert.equal(second.statusCode, 200);
      assert.match(second.body, /aria-current="page">2</);
    });

    it('is honest about a product graded A', async () => {
      const response = await app.inject('/produit/3760121212160/substituts');
      assert.equal(response.statusCode, 200);
      assert.match(toText(response.body), /déjà le meilleur Nutri-Score/);
      assert.doesNotMatch(response.body, /Sauvegarder/);
    });

    it('answers bad addresses with 4xx pages', async () => {
      assert.equal((await app.inject('/produit/abc')).statusCode, 404);
      const long = await app.inject(`/produit/${'9'.repeat(300)}`);
      assert.ok(long.statusCode >= 400 && long.statusCode < 500, String(long.statusCode));
      assert.match(long.body, /^<!doctype html>/);
      const badEncoding = await app.inject('/produit/%E0%A4%A');
      assert.equal(badEncoding.statusCode, 400);
      assert.match(badEncoding.body, /Requête invalide/);
      assert.equal((await app.inject(`/produit/${NUTELLA}/substituts?page=abc`)).statusCode, 400);
      assert.equal((await app.inject(`/produit/${NUTELLA}/substituts?page=0`)).statusCode, 400);
      assert.equal((await app.inject(`/produit/${NUTELLA}/substituts?page=9999`)).statusCode, 404);
      assert.equal((await app.inject({ method: 'DELETE', url: `/produit/${NUTELLA}` })).statusCode, 404);
    });

    it('sends a visitor who wants to save to log in, and back', async () => {
      const response = await app.inject(`/produit/${PETIT_BEURRE}/substituts?page=2`);
      assert.match(
        response.body,
        new RegExp(
          `href="/connexion\\?next=%2Fproduit%2F${PETIT_BEURRE}%2Fsubstituts%3Fpage%3D2&amp;sauver=${PETIT_BEURRE}-\\d+"[^>]*>Sauvegarder<`,
        ),
      );
      assert.equal(response.cookies.length, 0, 'a visitor browsing gets no session');
    });
  });

  it('shows the legal notices with the Open Food Facts credit', async () => {
    const response = await app.inject('/mentions-legales');
    assert.equal(response.statusCode, 200);
    assert.match(toText(response.body), /Open Database License \(ODbL\)/);
    assert.match(toText(response.body), /Creative Commons BY-SA/);
  });

  describe('accounts and favourites', () => {
    const password = 'du-beurre-de-qualite';

    it('signs up, saves a substitute once, lists it, removes it, logs out and in again', async () => {
      const browser = createInjectBrowser(app);
      await browser.get('/inscription');
      const signUp = await browser.post('/inscription', {
        email: 'Colette@Example.org',
        firstName: 'Colette',
        lastName: '',
        password,
        passwordConfirm: password,
        next: `/produit/${NUTELLA}/substituts`,
      });
      assert.equal(signUp.statusCode, 303);
      assert.equal(signUp.headers.location, `/produit/${NUTELLA}/substituts`);
      const cookie = signUp.cookies.find((c) => c.name === 'pb_session');
      assert.ok(cookie?.httpOnly);
      assert.equal(cookie?.sameSite, 'Lax');

      const substitutes = await browser.get(`/produit/${NUTELLA}/substituts`);
      assert.match(toText(substitutes.body), /Bienvenue, Colette/);
      assert.match(toText(substitutes.body), /Mon compte .*Mes aliments|Mes aliments .*Mon compte/);
      assert.match(substitutes.body, /Se déconnecter/);
      const substitute = substitutes.body.match(/name="substitute" value="(\d+)"/)?.[1] ?? '';
      const save = { product: NUTELLA, substitute, next: `/produit/${NUTELLA}/substituts` };
      assert.equal((await browser.post('/mes-aliments', save)).statusCode, 303);
      assert.match(
        toText((await browser.get(`/produit/${NUTELLA}/substituts`)).body),
        /est sauvegardé dans Mes aliments/,
      );
      await browser.post('/mes-aliments', save);
      assert.match(toText((await browser.get(`/produit/${NUTELLA}/substituts`)).body), /est déjà sauvegardé/);

      const list = await browser.get('/mes-aliments');
      assert.match(toText(list.body), /À la place de Nutella/);
      assert.equal([...list.body.matchAll(/>Retirer</g)].length, 1);
      await browser.post('/mes-aliments/retirer', { product: NUTELLA, substitute });
      const emptied = await browser.get('/mes-aliments');
      assert.match(toText(emptied.body), /est retiré de Mes aliments/);
      assert.doesNotMatch(emptied.body, />Retirer</);

      const oldCookie = browser.cookie();
      const logOut = await browser.post('/deconnexion', {});
      assert.equal(logOut.statusCode, 303);
      const stale = await app.inject({ url: '/mes-aliments', cookies: { pb_session: oldCookie ?? '' } });
      assert.equal(stale.statusCode, 303, 'the old session no longer works');

      await browser.get('/connexion');
      const wrong = await browser.post('/connexion', {
        email: 'colette@example.org',
        password: 'pas-le-bon-mot',
      });
      assert.equal(wrong.statusCode, 400);
      assert.match(toText(wrong.body), /Adresse e-mail ou mot de passe incorrect/);
      const unknown = await browser.post('/connexion', { email: 'nobody@example.org', password });
      assert.match(toText(unknown.body), /Adresse e-mail ou mot de passe incorrect/);
      const logIn = await browser.post('/connexion', {
        email: 'COLETTE@example.org',
        password,
        next: '//evil.example',
      });
      assert.equal(logIn.statusCode, 303);
      assert.equal(logIn.headers.location, '/');
      assert.notEqual(browser.cookie(), oldCookie, 'a new session id at log-in');
      assert.equal((await browser.get('/mon-compte')).statusCode, 200);
    });

    it('saves the substitute a visitor chose right after sign-up or log-in, and says so', async () => {
      const visitor = createInjectBrowser(app);
      const page = await visitor.get(`/produit/${NUTELLA}/substituts`);
      const links = [...page.body.matchAll(/href="(\/connexion\?[^"]*sauver=[^"]*)"/g)].map((m) =>
        (m[1] ?? '').replaceAll('&amp;', '&'),
      );
      assert.ok(links.length >= 2, 'a save link per substitute');
      const [first = '', second = ''] = links;
      const firstSubstitute = new URL(first, 'http://x').searchParams.get('sauver')?.split('-')[1] ?? '';

      // Log-in page → "Créer un compte" keeps the pair; the sign-up saves it.
      const logInPage = await visitor.get(first);
      assert.match(toText(logInPage.body), /le substitut choisi sera sauvegardé dans Mes aliments aussitôt/);
      const signUpLink = logInPage.body.match(/href="(\/inscription\?[^"]*)"/)?.[1]?.replaceAll('&amp;', '&');
      assert.ok(signUpLink?.includes(`sauver=${NUTELLA}-${firstSubstitute}`), signUpLink);
      await visitor.get(signUpLink ?? '');
      const signUp = await visitor.post('/inscription', {
        email: 'gaston@example.org',
        firstName: 'Gaston',
        password,
        passwordConfirm: password,
        next: `/produit/${NUTELLA}/substituts`,
        sauver: `${NUTELLA}-${firstSubstitute}`,
      });
      assert.equal(signUp.statusCode, 303);
      assert.equal(signUp.headers.location, `/produit/${NUTELLA}/substituts`);
      const back = await visitor.get(`/produit/${NUTELLA}/substituts`);
      assert.match(toText(back.body), /Bienvenue, Gaston ! .* est sauvegardé dans Mes aliments/);
      assert.equal([...back.body.matchAll(/Sauvegardé ✓/g)].length, 1, 'the saved one says so');
      assert.match(back.body, new RegExp(`name="substitute" value="${firstSubstitute}"`));

      // A second pair through the log-in form.
      await visitor.post('/deconnexion', {});
      await visitor.get(second);
      const logIn = await visitor.post('/connexion', {
        email: 'gaston@example.org',
        password,
        next: `/produit/${NUTELLA}/substituts`,
        sauver: new URL(second, 'http://x').searchParams.get('sauver') ?? '',
      });
      assert.equal(logIn.statusCode, 303);
      const again = await visitor.get(`/produit/${NUTELLA}/substituts`);
      assert.match(toText(again.body), /est sauvegardé dans Mes aliments/);
      assert.equal([...again.body.matchAll(/Sauvegardé ✓/g)].length, 2);

      // "Retirer" next to "Sauvegardé ✓" removes it and comes back to the page.
      const removed = await visitor.post('/mes-aliments/retirer', {
        product: NUTELLA,
        substitute: firstSubstitute,
        next: `/produit/${NUTELLA}/substituts`,
      });
      assert.equal(removed.headers.location, `/produit/${NUTELLA}/substituts`);
      const after = await visitor.get(`/produit/${NUTELLA}/substituts`);
      assert.match(toText(after.body), /est retiré de Mes aliments/);
      assert.equal([...after.body.matchAll(/Sauvegardé ✓/g)].length, 1);

      // A forged pair saves nothing and breaks nothing.
      await visitor.post('/deconnexion', {});
      await visitor.get('/connexion');
      const forged = await visitor.post('/connexion', {
        email: 'gaston@example.org',
        password,
        sauver: `${NUTELLA}-${NUTELLA}`,
      });
      assert.equal(forged.statusCode, 303);
    });

    it('shows every error of a form at once, each tied to its field', async () => {
      const browser = createInjectBrowser(app);
      await browser.get('/inscription');
      const response = await browser.post('/inscription', {
        email: 'pas-une-adresse',
        firstName: '',
        password: 'court',
        passwordConfirm: 'autre',
      });
      assert.equal(response.statusCode, 400);
      for (const [field, message] of [
        ['email', 'Indiquez une adresse e-mail valide.'],
        ['firstName', 'Indiquez votre prénom.'],
        ['password', 'Le mot de passe doit contenir au moins 10 caractères.'],
        ['passwordConfirm', 'Les deux mots de passe ne sont pas identiques.'],
      ]) {
        const input = response.body.match(new RegExp(`<input[^>]*id="${field}"[^>]*>`))?.[0] ?? '';
        assert.match(input, /aria-invalid="true"/, field);
        assert.match(input, new RegExp(`aria-describedby="[^"]*${field}-error`), field);
        assert.match(response.body, new RegExp(`id="${field}-error">${message}<`), field);
        assert.match(response.body, new RegExp(`href="#${field}">${message}<`), `summary link to ${field}`);
      }
    });

    it('keeps the input (never the password) when the sign-up form has errors', async () => {
      const browser = createInjectBrowser(app);
      await browser.get('/inscription');
      const response = await browser.post('/inscription', {
        email: 'remy@example.org',
        firstName: 'Rémy',
        password: 'trop-court',
        passwordConfirm: 'pas-pareil!',
      });
      assert.equal(response.statusCode, 400);
      assert.match(toText(response.body), /Les deux mots de passe ne sont pas identiques/);
      assert.match(response.body, /value="remy@example.org"/);
      assert.doesNotMatch(response.body, /trop-court|pas-pareil/);
    });

    it('edits the profile, changes the password and deletes the account with its favourites', async () => {
      const browser = createInjectBrowser(app);
      await browser.get('/inscription');
      await browser.post('/inscription', {
        email: 'remy@example.org',
        firstName: 'Rémy',
        password,
        passwordConfirm: password,
      });
      await browser.get('/mon-compte');
      const withoutPassword = await browser.post('/mon-compte', {
        email: 'remy@pur-beurre.example',
        firstName: 'Rémy',
        lastName: 'Dupont',
      });
      assert.equal(withoutPassword.statusCode, 400, 'a new address needs the current password');
      assert.match(toText(withoutPassword.body), /Indiquez votre mot de passe actuel pour changer d’adresse/);
      const wrongPassword = await browser.post('/mon-compte', {
        email: 'remy@pur-beurre.example',
        firstName: 'Rémy',
        currentPassword: 'pas-le-bon-mot',
      });
      assert.match(toText(wrongPassword.body), /Le mot de passe actuel est incorrect/);
      const nameOnly = await browser.post('/mon-compte', { email: 'remy@example.org', firstName: 'Rémy' });
      assert.equal(nameOnly.statusCode, 303, 'the name alone needs no password');
      await browser.get('/mon-compte');
      await browser.post('/mon-compte', {
        email: 'remy@pur-beurre.example',
        firstName: 'Rémy',
        lastName: 'Dupont',
        currentPassword: password,
      });
      const account = await browser.get('/mon-compte');
      assert.match(toText(account.body), /Rémy Dupont/);
      assert.match(toText(account.body), /remy@pur-beurre.example/);
      const changed = await browser.post('/mon-compte/mot-de-passe', {
        currentPassword: password,
        password: 'un-nouveau-mot-de-passe',
        passwordConfirm: 'un-nouveau-mot-de-passe',
      });
      assert.equal(changed.statusCode, 303);
      await browser.get('/mon-compte');
      const refused = await browser.post('/mon-compte/supprimer', {
        currentPassword: 'un-nouveau-mot-de-passe',
      });
      assert.equal(refused.statusCode, 400);
      const deleted = await browser.post('/mon-compte/supprimer', {
        currentPassword: 'un-nouveau-mot-de-passe',
        confirm: 'yes',
      });
      assert.equal(deleted.statusCode, 303);
      const [row] = await testDb.db.query<{ count: number }>(
        "SELECT count(*)::int AS count FROM users WHERE email = 'remy@pur-beurre.example'",
      );
      assert.equal(row?.count, 0);
      assert.equal((await browser.get('/mon-compte')).statusCode, 303);
    });

    it('keeps one account per address however it is typed, and refuses common passwords', async () => {
      const browser = createInjectBrowser(app);
      await browser.get('/inscription');
      const common = await browser.post('/inscription', {
        email: 'bob@example.org',
        firstName: 'Bob',
        password: 'azertyuiop',
        passwordConfirm: 'azertyuiop',
      });
      assert.equal(common.statusCode, 400);
      assert.match(toText(common.body), /Ce mot de passe fait partie des plus utilisés/);
      const created = await browser.post('/inscription', {
        email: 'bob@example.org',
        firstName: 'Bob',
        password,
        passwordConfirm: password,
      });
      assert.equal(created.statusCode, 303);
      for (const twin of ['ｂｏｂ@example.org', 'bo\u200bb@example.org']) {
        const other = createInjectBrowser(app);
        await other.get('/inscription');
        const response = await other.post('/inscription', {
          email: twin,
          firstName: 'Bob bis',
          password,
          passwordConfirm: password,
        });
        assert.equal(response.statusCode, 400, JSON.stringify(twin));
        assert.match(toText(response.body), /Un compte existe déjà avec cette adresse/);
      }
      const [row] = await testDb.db.query<{ count: number }>(
        "SELECT count(*)::int AS count FROM users WHERE email LIKE '%example.org' AND first_name LIKE 'Bob%'",
      );
      assert.equal(row?.count, 1);
      const visitor = createInjectBrowser(app);
      await visitor.get('/connexion');
      const logIn = await visitor.post('/connexion', { email: 'ｂｏｂ@example.org\u200b', password });
      assert.equal(logIn.statusCode, 303, 'the same spelling rules at log-in');
    });

    it('limits e-mail changes like sign-ups, so an account cannot probe addresses', async () => {
      const browser = createInjectBrowser(app);
      await browser.get('/inscription');
      await browser.post('/inscription', {
        email: 'eve@example.org',
        firstName: 'Eve',
        password,
        passwordConfirm: password,
      });
      await browser.get('/mon-compte');
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 12; attempt++) {
        const response = await browser.post('/mon-compte', {
          email: `probe-${attempt}@example.org`,
          firstName: 'Eve',
          currentPassword: 'une-supposition',
        });
        statuses.push(response.statusCode);
      }
      assert.equal(statuses[0], 400);
      assert.equal(statuses.at(-1), 429);
    });

    it('refuses a POST without its CSRF token with a 403 page', async () => {
      const browser = createInjectBrowser(app);
      await browser.get('/connexion');
      const forged = await app.inject({
        method: 'POST',
        url: '/connexion',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        cookies: { pb_session: browser.cookie() ?? '' },
        payload: 'email=a%40b.c&password=x',
      });
      assert.equal(forged.statusCode, 403);
      assert.match(toText(forged.body), /Action refusée/);
      const noSession = await app.inject({
        method: 'POST',
        url: '/mes-aliments',
        payload: { product: '1', substitute: '2' },
      });
      assert.equal(noSession.statusCode, 403);
      const missingFields = await browser.post('/mes-aliments', {});
      assert.ok(missingFields.statusCode >= 400 && missingFields.statusCode < 500);
    });

    it('sends visitors of private pages to log in and back', async () => {
      const response = await app.inject('/mes-aliments');
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/connexion?next=%2Fmes-aliments');
      const login = await app.inject('/connexion?next=%2Fproduit%2F1%2Fsubstituts&sauver=1-2');
      assert.match(toText(login.body), /le substitut choisi sera sauvegardé dans Mes aliments aussitôt/);
      assert.match(login.body, /name="sauver" value="1-2"/);
      assert.match(login.body, /name="next" value="\/produit\/1\/substituts"/);
      const forged = await app.inject('/connexion?next=https%3A%2F%2Fevil.example');
      assert.match(forged.body, /name="next" value="\/"/);
    });

    it('limits log-in attempts with a friendly 429 page', async () => {
      const browser = createInjectBrowser(app);
      await browser.get('/connexion');
      let last = 0;
      for (let attempt = 0; attempt < 12; attempt++) {
        last = (await browser.post('/connexion', { email: 'x@example.org', password: 'nope' })).statusCode;
      }
      assert.equal(last, 429);
      assert.match(toText(browser.lastPage()), /trop de tentatives/);
    });
  });
});
