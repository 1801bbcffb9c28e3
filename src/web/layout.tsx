import type { ComponentChildren } from 'preact';
import { fr } from './strings.fr.js';

export function Layout(props: { title?: string; children: ComponentChildren }) {
  const title =
    props.title === undefined ? `${fr.siteName} · ${fr.tagline}` : `${props.title} · ${fr.siteName}`;
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/vendor/bootstrap.min.css" />
        <link rel="stylesheet" href="/static/pur-beurre.css" />
      </head>
      <body>
        <header>
          <nav class="navbar navbar-dark bg-brand" aria-label="Navigation principale">
            <div class="container">
              <a class="navbar-brand d-flex align-items-center gap-2" href="/">
                <img src="/static/logo.svg" alt="" width="32" height="32" />
                {fr.siteName}
              </a>
              <SearchForm compact />
            </div>
          </nav>
        </header>
        <main id="contenu" class="container py-4">
          {props.children}
        </main>
        <footer class="border-top py-3 small">
          <div class="container d-flex flex-wrap gap-3 justify-content-between">
            <a href="/mentions-legales">{fr.legalLink}</a>
            <a href="https://world.openfoodfacts.org/">{fr.offCredit}</a>
          </div>
        </footer>
      </body>
    </html>
  );
}

export function SearchForm(props: { compact?: boolean; value?: string }) {
  const id = props.compact === true ? 'q-nav' : 'q';
  return (
    <search>
      <form
        action="/recherche"
        method="get"
        class={props.compact === true ? 'd-flex gap-2' : 'd-flex gap-2 my-3'}
      >
        <label class="visually-hidden" for={id}>
          {fr.searchLabel}
        </label>
        <input
          id={id}
          name="q"
          type="search"
          class={props.compact === true ? 'form-control form-control-sm' : 'form-control form-control-lg'}
          placeholder={fr.searchPlaceholder}
          value={props.value}
          maxLength={200}
          required
        />
        <button
          class={props.compact === true ? 'btn btn-light btn-sm' : 'btn btn-brand btn-lg'}
          type="submit"
        >
          {fr.searchButton}
        </button>
      </form>
    </search>
  );
}
