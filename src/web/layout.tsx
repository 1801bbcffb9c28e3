import type { ComponentChildren } from 'preact';
import { usePageContext } from './page-context.js';
import { fr } from './strings.fr.js';

export function Layout(props: { title?: string; children: ComponentChildren }) {
  const { flash } = usePageContext();
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
        <script src="/static/autocomplete.js" defer />
        <script src="/static/scanner.js" defer />
      </head>
      <body>
        <a class="visually-hidden-focusable skip-link" href="#contenu">
          {fr.skipToContent}
        </a>
        <header>
          <nav class="navbar navbar-dark bg-brand" aria-label={fr.mainNav}>
            <div class="container flex-wrap gap-2">
              <a class="navbar-brand d-flex align-items-center gap-2" href="/">
                <img src="/static/logo.svg" alt="" width="32" height="32" />
                {fr.siteName}
              </a>
              <div class="flex-grow-1 nav-search">
                <SearchForm compact />
              </div>
              <AccountLinks />
            </div>
          </nav>
        </header>
        <main id="contenu" class="container py-4" tabIndex={-1}>
          {flash === null ? null : (
            <div class={`alert alert-${flash.kind}`} role={flash.kind === 'danger' ? 'alert' : 'status'}>
              {flash.text}
            </div>
          )}
          {props.children}
        </main>
        <footer class="border-top py-3 small">
          <div class="container d-flex flex-wrap gap-3 justify-content-between">
            <a href="/mentions-legales">{fr.legalLink}</a>
            <span>
              <a href="https://world.openfoodfacts.org/">{fr.offCredit}</a>, {fr.offCreditPictures}
            </span>
          </div>
        </footer>
      </body>
    </html>
  );
}

function AccountLinks() {
  const { viewer, csrfToken } = usePageContext();
  if (viewer === null) {
    return (
      <ul class="navbar-nav flex-row flex-wrap gap-3 account-links">
        <li class="nav-item">
          <a class="nav-link" href="/connexion">
            {fr.logIn}
          </a>
        </li>
        <li class="nav-item">
          <a class="nav-link" href="/inscription">
            {fr.signUp}
          </a>
        </li>
      </ul>
    );
  }
  return (
    <ul class="navbar-nav flex-row flex-wrap align-items-center gap-3 account-links">
      <li class="nav-item">
        <a class="nav-link" href="/mes-aliments">
          {fr.myFoods}
        </a>
      </li>
      <li class="nav-item">
        <a class="nav-link" href="/mon-compte">
          {fr.myAccount}
        </a>
      </li>
      <li class="nav-item">
        <form action="/deconnexion" method="post">
          <input type="hidden" name="_csrf" value={csrfToken()} />
          <button class="btn btn-outline-light btn-sm" type="submit">
            {fr.logOut}
          </button>
        </form>
      </li>
    </ul>
  );
}

/** The hidden field every POST form carries. */
export function CsrfField() {
  const { csrfToken } = usePageContext();
  return <input type="hidden" name="_csrf" value={csrfToken()} />;
}

export function SearchForm(props: { compact?: boolean; value?: string }) {
  const id = props.compact === true ? 'q-nav' : 'q';
  return (
    <search>
      <form
        action="/recherche"
        method="get"
        class={props.compact === true ? 'd-flex gap-2 search-form' : 'd-flex gap-2 my-3 search-form'}
        data-scanner={JSON.stringify(fr.scanner)}
      >
        <label class="visually-hidden" for={id}>
          {fr.searchLabel}
        </label>
        <div class="autocomplete flex-grow-1">
          <input
            id={id}
            name="q"
            type="search"
            class={props.compact === true ? 'form-control form-control-sm' : 'form-control form-control-lg'}
            placeholder={fr.searchPlaceholder}
            value={props.value}
            maxLength={200}
            autocomplete="off"
            data-autocomplete="/api/autocomplete"
            required
          />
        </div>
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
