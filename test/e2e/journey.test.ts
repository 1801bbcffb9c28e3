// The shopper's whole journey in real Chromium (the machine's, else the npm package's: see
// support/browser.ts; driven by playwright-core) against the real server: `pur-beurre serve` on
// a fresh embedded database filled from the fake Open Food Facts. Screenshots of every step go to
// test-results/e2e/ (CI keeps them as artefacts), and axe-core checks each page for WCAG 2.1 A/AA
// violations.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { startCli, waitForExit, waitForServer } from '../support/cli.js';
import { fakeCameraArgs, writeBarcodeVideo } from '../support/fake-camera.js';
import { type FakeOff, startFakeOff } from '../support/fake-off-server.js';
import { type FakeSmtp, startFakeSmtp } from '../support/fake-smtp-server.js';
import { readSampleRecords } from '../support/off-samples.js';
import { Resources } from '../support/resources.js';

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url));
/** Nutella 400 g, in the fixture imported below: what the fake camera shows. */
const SCANNED_CODE = '3017620421006';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown[] }[];
}

async function expectAccessible(page: Page, label: string): Promise<void> {
  // The DOM can be there before the stylesheets apply (a loaded machine): axe would then judge
  // the unstyled page (a `.visually-hidden` label shown in black on the dark header).
  await page.waitForLoadState('load');
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run: (o: unknown) => Promise<{ violations: unknown[] }> } }
    ).axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  const summary = (violations as AxeViolation[]).map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`,
  );
  assert.deepEqual(summary, [], `axe violations on ${label}`);
}

/**
 * Pixels whose colour changes by a contrast ratio of 3:1 or more between two same-size PNGs,
 * decoded by the browser itself. A string, not a function: tsx would add helpers the page lacks.
 */
async function countContrastedPixels(page: Page, a: Buffer, b: Buffer): Promise<number> {
  const script = `(async () => {
    async function read(base64) {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d');
      context.drawImage(bitmap, 0, 0);
      return context.getImageData(0, 0, bitmap.width, bitmap.height).data;
    }
    function channel(value) {
      const c = value / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }
    function luminance(data, i) {
      return 0.2126 * channel(data[i]) + 0.7152 * channel(data[i + 1]) + 0.0722 * channel(data[i + 2]);
    }
    const x = await read(${JSON.stringify(a.toString('base64'))});
    const y = await read(${JSON.stringify(b.toString('base64'))});
    let count = 0;
    for (let i = 0; i < Math.min(x.length, y.length); i += 4) {
      const l1 = luminance(x, i);
      const l2 = luminance(y, i);
      if ((Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05) >= 3) count++;
    }
    return count;
  })()`;
  return (await page.evaluate(script)) as number;
}

async function snapBuffer(png: Buffer, name: string): Promise<void> {
  writeFileSync(join(SCREENSHOTS, `${name}.png`), png);
}

let step = 0;
async function snap(page: Page, name: string): Promise<void> {
  step += 1;
  await page.screenshot({
    path: join(SCREENSHOTS, `${String(step).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

describe('the shopper’s journey in Chromium', () => {
  let off: FakeOff;
  let smtp: FakeSmtp;
  let server: ReturnType<typeof startCli>;
  let browser: Browser;
  let page: Page;
  let base = '';

  const resources = new Resources();
  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const dataDir = mkdtempSync(join(tmpdir(), 'pur-beurre-e2e-'));
    // The camera every page sees: a real EAN-13 of a product of the catalogue.
    const cameraVideo = writeBarcodeVideo(dataDir, SCANNED_CODE);
    // The machine's Chromium, else the npm package's (test/support/browser.ts): first, as it is
    // the likeliest to be missing, and it fails in seconds saying so.
    browser = resources.add(await launchChromium(fakeCameraArgs(cameraVideo)), (b) => b.close());
    off = resources.add(await startFakeOff(), (o) => o.close());
    smtp = resources.add(await startFakeSmtp(), (s) => s.close());
    off.searchProducts = readSampleRecords('purbeurre-aspidistras-fr-2019.jsonl.gz');
    server = resources.add(
      startCli(['serve'], {
        DATA_DIR: dataDir,
        PORT: '0',
        OFF_BASE_URL: off.url,
        LOG_LEVEL: 'warn',
        SMTP_URL: smtp.url,
      }),
      async (child) => {
        child.kill('SIGINT');
        await waitForExit(child);
      },
    );
    base = (await waitForServer(server)).url;
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, locale: 'fr-FR' });
    // Pictures come from Open Food Facts' servers, unreachable here: a stand-in picture answers.
    await context.route(/openfoodfacts\.org/, (route) =>
      route.fulfill({
        path: fileURLToPath(new URL('../../public/placeholder.svg', import.meta.url)),
        contentType: 'image/svg+xml',
      }),
    );
    page = await context.newPage();
  });

  after(() => resources.close());

  it('searches with a typo, picks, pages, reads a sheet, signs up, saves, removes, logs out and in', async () => {
    await page.goto(`${base}/`);
    await expectAccessible(page, 'home');
    await snap(page, 'home');

    // Autocomplete offers names as you type; the plain search spells the typo right.
    await page.locator('#q').pressSequentially('nute', { delay: 30 });
    await page.getByRole('option', { name: 'Nutella' }).first().waitFor();
    await snap(page, 'autocomplete');
    await page.locator('#q').fill('nutela');
    await page.locator('main').getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/\/recherche\?q=nutela/);
    assert.match((await page.locator('h1').textContent()) ?? '', /Résultats pour « nutella »/);
    await expectAccessible(page, 'search results');
    await snap(page, 'search-typo');

    await page.locator('.search-results a').first().click();
    await page.waitForURL(/\/substituts$/);
    // Six a page at most; how many the fixture's Nutella gets depends on the catalogue's rules
    // (same reference category since 279f34a), so a second page is visited only when there is one.
    const cards = await page.locator('.substitute-card').count();
    assert.ok(cards >= 1 && cards <= 6, `${cards} substitutes on the first page`);
    await expectAccessible(page, 'substitutes');
    await snap(page, 'substitutes');

    const secondPage = page.getByRole('link', { name: 'Page 2', exact: true });
    if ((await secondPage.count()) > 0) {
      await secondPage.click();
      await page.waitForURL(/\/substituts\?page=2$/);
      await snap(page, 'substitutes-page-2');
    }
    const substitutesUrl = page.url();

    const firstSubstitute = page.locator('.substitute-card h3 a').first();
    const substituteName = ((await firstSubstitute.textContent()) ?? '').trim();
    await firstSubstitute.click();
    await page.waitForURL(/\/produit\/\d+$/);
    await page.getByRole('link', { name: 'Voir la fiche d’Open Food Facts' }).waitFor();
    await expectAccessible(page, 'product sheet');
    await snap(page, 'product-sheet');

    // The product and one substitute side by side, from the card's own link.
    await page.goto(substitutesUrl);
    await page
      .locator('.substitute-card')
      .first()
      .getByRole('link', { name: /^Comparer avec/ })
      .click();
    await page.waitForURL(/\/comparer\/\d+$/);
    assert.match((await page.locator('table caption').textContent()) ?? '', /Comparaison pour 100 (g|ml)/);
    assert.ok((await page.getByRole('rowheader').count()) >= 9, 'every criterion has its row');
    await expectAccessible(page, 'comparison');
    await snap(page, 'comparison');

    await page.goto(substitutesUrl);
    await page
      .locator('.substitute-card')
      .first()
      .getByRole('link', { name: /^Sauvegarder/ })
      .click();
    await page.waitForURL(/\/connexion\?next=/);
    await expectAccessible(page, 'log-in');
    await snap(page, 'log-in-to-save');
    await page.locator('main').getByRole('link', { name: 'Créer un compte' }).click();
    await page.waitForURL(/\/inscription\?next=/);
    await page.getByLabel('Adresse e-mail').fill('colette@example.org');
    await page.getByLabel('Prénom').fill('Colette');
    await page.getByLabel('Mot de passe', { exact: true }).fill('du-beurre-de-qualite');
    await page.getByLabel('Confirmation du mot de passe').fill('du-beurre-de-qualite');
    await expectAccessible(page, 'sign-up');
    await snap(page, 'sign-up');
    await page.locator('main').getByRole('button', { name: 'Créer un compte' }).click();
    await page.waitForURL(substitutesUrl);
    // The substitute chosen before signing up is saved already, and the page says so.
    await page.getByText(/Bienvenue, Colette ! .* est sauvegardé dans Mes aliments/).waitFor();
    await page.locator('.substitute-card').first().getByText('Sauvegardé ✓').waitFor();
    assert.equal(await page.getByText('Sauvegardé ✓').count(), 1);
    await expectAccessible(page, 'saved after sign-up');
    await snap(page, 'saved');

    await page.getByRole('link', { name: 'Mes aliments' }).click();
    await page.waitForURL(/\/mes-aliments$/);
    await page.getByRole('link', { name: substituteName }).first().waitFor();
    await expectAccessible(page, 'Mes aliments');
    await snap(page, 'mes-aliments');
    // The list as a file: downloaded by the browser, parsed back.
    for (const [name, parse] of [
      [
        'Télécharger (JSON)',
        (body: string) => (JSON.parse(body) as { favourites: unknown[] }).favourites.length,
      ],
      ['Télécharger (CSV, pour un tableur)', (body: string) => body.trim().split('\r\n').length - 1],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name }).click(),
      ]);
      const body = readFileSync(await download.path(), 'utf8');
      assert.equal(parse(body), 1, `${name}: ${body.slice(0, 300)}`);
      assert.ok(body.includes(substituteName), name);
    }
    await page
      .getByRole('button', { name: /^Retirer/ })
      .first()
      .click();
    await page.getByText(/est retiré de Mes aliments/).waitFor();
    assert.equal(await page.getByRole('button', { name: /^Retirer/ }).count(), 0);
    await snap(page, 'removed');

    await page.getByRole('link', { name: 'Mon compte' }).click();
    await page.getByText('colette@example.org').first().waitFor();
    await expectAccessible(page, 'account');
    await snap(page, 'account');
    // The account's data (RGPD art. 20) as a file: downloaded by the browser, parsed back.
    const [accountDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger mes données' }).click(),
    ]);
    const data = JSON.parse(readFileSync(await accountDownload.path(), 'utf8')) as {
      account: { email: string; firstName: string };
      favourites: unknown[];
    };
    assert.equal(data.account.email, 'colette@example.org');
    assert.equal(data.account.firstName, 'Colette');
    assert.equal(data.favourites.length, 0, 'the pair was removed above');

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByText('Vous êtes déconnecté').waitFor();
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await page.getByLabel('Adresse e-mail').fill('colette@example.org');
    await page.getByLabel('Mot de passe').fill('du-beurre-de-qualite');
    await page.locator('main').getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('link', { name: 'Mes aliments' }).waitFor();
    await snap(page, 'logged-in-again');
  });

  it('shows a visible focus ring (3:1 against the unfocused look) on every stop of the home page', async () => {
    await page.goto(`${base}/`);
    await page.waitForLoadState('load');
    const seen = new Set<string>();
    const weak: string[] = [];
    for (let stop = 0; stop < 40; stop++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluateHandle(() => document.activeElement);
      const box = await focused.evaluate((element) => {
        if (element === null || element === document.body) return null;
        const rect = element.getBoundingClientRect();
        const name = `${element.tagName.toLowerCase()} ${(element.textContent ?? '').trim() || (element.getAttribute('aria-label') ?? element.id)}`;
        return { name, x: rect.x, y: rect.y, width: rect.width, height: rect.height };
      });
      if (box === null || seen.has(box.name)) break;
      seen.add(box.name);
      const margin = 8;
      const clip = {
        x: Math.max(0, box.x - margin),
        y: Math.max(0, box.y - margin),
        width: box.width + 2 * margin,
        height: box.height + 2 * margin,
      };
      const withFocus = await page.screenshot({ clip });
      await focused.evaluate((element) => (element as HTMLElement).blur());
      const withoutFocus = await page.screenshot({ clip });
      await focused.evaluate((element) => (element as HTMLElement).focus());
      const contrasted = await countContrastedPixels(page, withFocus, withoutFocus);
      // WCAG 2.4.13's minimum area: a 2 CSS px thick perimeter of the control, changed by 3:1 or more.
      const needed = 2 * 2 * (box.width + box.height);
      await snapBuffer(withFocus, `focus-${String(seen.size).padStart(2, '0')}`);
      if (contrasted < needed)
        weak.push(`${box.name}: ${contrasted} px at 3:1, ${Math.round(needed)} needed`);
    }
    assert.ok(seen.size >= 6, `only ${seen.size} tab stops: ${[...seen].join(', ')}`);
    assert.deepEqual(weak, [], 'focus hardly visible');
  });

  it('gets back into an account: forgotten password, the e-mail, a new password, logged in', async () => {
    const context = page.context();
    await context.clearCookies();
    await page.goto(`${base}/connexion`);
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.waitForURL(/\/mot-de-passe-oublie$/);
    await expectAccessible(page, 'forgotten password');
    await page.getByLabel('Adresse e-mail').fill('colette@example.org');
    await page.getByRole('button', { name: 'Recevoir le lien' }).click();
    await page.getByText(/Si un compte existe pour cette adresse/).waitFor();
    await snap(page, 'reset-link-sent');

    const mail = await smtp.waitForMail('colette@example.org');
    const link = mail.text.match(/https?:\/\/\S+(\/nouveau-mot-de-passe\?jeton=[\w-]+)/)?.[1];
    assert.ok(link !== undefined, mail.text);
    await page.goto(`${base}${link}`);
    await expectAccessible(page, 'new password');
    await page.getByLabel('Nouveau mot de passe').fill('un-beurre-tout-neuf');
    await page.getByLabel('Confirmation du mot de passe').fill('un-beurre-tout-neuf');
    await snap(page, 'new-password');
    await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
    await page.getByText('Votre mot de passe est changé et vous êtes connecté').waitFor();
    await page.getByRole('link', { name: 'Mes aliments' }).waitFor();
    await snap(page, 'reset-done');
  });

  it('scans a barcode with the camera and opens that product’s sheet', async () => {
    await page.goto(`${base}/`);
    await page.waitForLoadState('load');
    const scan = page.locator('main').getByRole('button', { name: /^Scanner/ });
    await scan.click();
    const dialog = page.getByRole('dialog', { name: 'Scanner un code-barres' });
    await dialog.waitFor();
    await snap(page, 'scanner');
    await page.waitForURL(new RegExp(`/produit/${SCANNED_CODE}$`));
    assert.match((await page.locator('h1').textContent()) ?? '', /Nutella/);
    await expectAccessible(page, 'scanned product');
    await snap(page, 'scanned-product');
  });

  it('fits a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/`);
    await expectAccessible(page, 'home on a phone');
    await snap(page, 'phone-home');
    await page.goto(`${base}/recherche?q=p%C3%A2te%20%C3%A0%20tartiner`);
    await page.locator('.search-results a').first().click();
    await page.waitForURL(/\/substituts$/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `horizontal scroll of ${overflow}px`);
    await snap(page, 'phone-substitutes');
    await page.setViewportSize({ width: 1024, height: 800 });
  });

  it('has accessible legal notices and 404 page', async () => {
    await page.goto(`${base}/mentions-legales`);
    await expectAccessible(page, 'legal notices');
    await snap(page, 'legal');
    const response = await page.goto(`${base}/produit/0000000000000`);
    assert.equal(response?.status(), 404);
    await expectAccessible(page, '404');
    await snap(page, 'not-found');
  });
});
