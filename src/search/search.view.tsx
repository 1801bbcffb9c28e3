import { NutriscoreBadge, ProductPicture, productLine } from '../products/product-parts.js';
import { Layout, SearchForm } from '../web/layout.js';
import { frSearch } from '../web/strings.fr.js';
import type { SearchOutcome } from './search.js';
import type { SearchMatch } from './search.repository.js';

type Shown = Exclude<SearchOutcome, { kind: 'redirect' }>;

/** `exact`: the shopper asked for the words as typed (no spelling correction). */
export function SearchPage(props: { query: string; outcome: Shown; exact?: boolean }) {
  const { query, outcome, exact = false } = props;
  return (
    <Layout title={query === '' ? undefined : frSearch.title(query)}>
      {outcome.kind === 'empty' ? <h1>{frSearch.emptyQuery}</h1> : null}
      {outcome.kind === 'results' ? (
        <>
          <h1>{frSearch.resultsHeading(outcome.corrected ?? query)}</h1>
          {outcome.corrected === undefined ? null : (
            <p class="search-correction">
              {frSearch.correctedNote(query)}{' '}
              <a href={toResultsHref(query, 1, true)}>{frSearch.searchAsTyped(query)}</a>
            </p>
          )}
          <p>
            {frSearch.pickOne}
            {outcome.pages > 1 ? ` ${frSearch.pageOf(outcome.page, outcome.pages)}.` : null}
          </p>
          {outcome.capped ? <p class="search-capped">{frSearch.cappedNote}</p> : null}
        </>
      ) : null}
      {outcome.kind === 'past-end' ? (
        <>
          <h1 class="h3">{frSearch.pastEndHeading(query, outcome.page)}</h1>
          <p>
            <a href={toResultsHref(query, 1, exact)}>{frSearch.pastEndLink}</a>
          </p>
        </>
      ) : null}
      {outcome.kind === 'none' ? (
        <>
          <h1 class="h3">{frSearch.noneHeading(query)}</h1>
          <p>{frSearch.noneTips}</p>
        </>
      ) : null}
      {outcome.kind === 'results' ? <MatchList matches={outcome.matches} /> : null}
      {outcome.kind === 'results' ? (
        <Pagination query={query} page={outcome.page} pages={outcome.pages} exact={exact} />
      ) : null}
      <SearchForm value={query} />
    </Layout>
  );
}

function MatchList(props: { matches: SearchMatch[] }) {
  return (
    <ul class="list-unstyled search-results">
      {props.matches.map((match) => (
        <li class="card mb-2">
          <div class="card-body d-flex gap-3 align-items-center">
            <ProductPicture url={match.imageSmallUrl} size={64} />
            <div class="flex-grow-1">
              <h2 class="h5 mb-1">
                <a class="stretched-link" href={`/produit/${match.code}/substituts`}>
                  {match.name}
                </a>
              </h2>
              <p class="small mb-1">{productLine(match.brands, match.quantity)}</p>
              {/* Fifteen "Nutella" of one name are told apart by their barcode (issue 12). */}
              <p class="small text-body-secondary mb-1">{frSearch.barcode(match.code)}</p>
              <NutriscoreBadge grade={match.nutriscoreGrade} notApplicable={match.nutriscoreNotApplicable} />
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}

function toResultsHref(query: string, page: number, exact: boolean): string {
  const params = new URLSearchParams({ q: query });
  if (page > 1) params.set('page', String(page));
  if (exact) params.set('exact', '1');
  return `/recherche?${params.toString()}`;
}

function Pagination(props: { query: string; page: number; pages: number; exact: boolean }) {
  if (props.pages <= 1) return null;
  return (
    <nav aria-label={frSearch.pagination} class="mt-3">
      <ul class="pagination flex-wrap">
        {props.page > 1 ? (
          <li class="page-item">
            <a class="page-link" href={toResultsHref(props.query, props.page - 1, props.exact)} rel="prev">
              {frSearch.previous}
            </a>
          </li>
        ) : null}
        <li class="page-item disabled">
          <span class="page-link" aria-current="page">
            {frSearch.pageOf(props.page, props.pages)}
          </span>
        </li>
        {props.page < props.pages ? (
          <li class="page-item">
            <a class="page-link" href={toResultsHref(props.query, props.page + 1, props.exact)} rel="next">
              {frSearch.next}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
