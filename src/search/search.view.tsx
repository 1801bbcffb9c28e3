import { NutriscoreBadge, ProductPicture, productLine } from '../products/product-parts.js';
import { Layout, SearchForm } from '../web/layout.js';
import { frSearch } from '../web/strings.fr.js';
import type { SearchOutcome } from './search.js';
import type { SearchMatch } from './search.repository.js';

type Shown = Exclude<SearchOutcome, { kind: 'redirect' }>;

export function SearchPage(props: { query: string; outcome: Shown }) {
  const { query, outcome } = props;
  return (
    <Layout title={query === '' ? undefined : frSearch.title(query)}>
      {outcome.kind === 'empty' ? <h1>{frSearch.emptyQuery}</h1> : null}
      {outcome.kind === 'results' ? (
        <>
          <h1>{frSearch.resultsHeading(query)}</h1>
          <p>{frSearch.pickOne}</p>
        </>
      ) : null}
      {outcome.kind === 'close' ? <h1 class="h3">{frSearch.closeHeading(query)}</h1> : null}
      {outcome.kind === 'none' ? (
        <>
          <h1 class="h3">{frSearch.noneHeading(query)}</h1>
          <p>{frSearch.noneTips}</p>
        </>
      ) : null}
      {outcome.kind === 'results' || outcome.kind === 'close' ? (
        <MatchList matches={outcome.matches} />
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
