import type { ProductSheet, Substitute } from '../product/product.js';
import { CsrfField, Layout } from '../web/layout.js';
import { usePageContext } from '../web/page-context.js';
import { frProducts } from '../web/strings.fr.js';
import { toInCountry } from './country-names.js';
import { type Improvement, toImprovements } from './improvements.js';
import { NutriscoreBadge, ProductPicture, productLine } from './product-parts.js';
import type { CategoryFacts } from './products.repository.js';

export type SubstitutesOutcome =
  | { kind: 'already-a' }
  | { kind: 'no-grade' }
  | { kind: 'not-applicable' }
  | { kind: 'no-category' }
  | { kind: 'none-better'; searched: CategoryFacts[] }
  /** Its only usable category holds no other product: nothing to compare with. */
  | { kind: 'alone'; category: CategoryFacts }
  | {
      kind: 'substitutes';
      items: Substitute[];
      page: number;
      pages: number;
      total: number;
      /** The category the substitutes share with the product. */
      category: CategoryFacts;
      /** The product's reference category: `category` unless the search had to widen. */
      reference: CategoryFacts;
    };

export function SubstitutesPage(props: {
  product: ProductSheet;
  outcome: SubstitutesOutcome;
  country: string;
}) {
  const { product, outcome } = props;
  return (
    <Layout title={frProducts.substitutesTitle(product.name)}>
      <section class="searched-product card mb-4" aria-labelledby="searched-heading">
        <div class="card-body d-flex gap-3 align-items-center">
          <ProductPicture url={product.imageSmallUrl} size={96} />
          <div>
            <p class="small text-body-secondary mb-1">{frProducts.youSearched}</p>
            <h1 id="searched-heading" class="h3">
              {product.name}
            </h1>
            <p class="mb-1">{productLine(product.brands, product.quantity)}</p>
            <NutriscoreBadge
              grade={product.nutriscoreGrade}
              notApplicable={product.nutriscoreNotApplicable}
            />{' '}
            <a href={`/produit/${product.code}`}>{frProducts.seeSheet}</a>
            {product.nutriscoreGrade === null ? null : (
              <p class="small text-body-secondary mb-0 mt-1 nutriscore-version">
                {frProducts.nutriscoreVersion(product.nutriscoreVersion)}
              </p>
            )}
          </div>
        </div>
      </section>
      <h2>{frProducts.substitutesHeading}</h2>
      <SubstitutesBody product={product} outcome={outcome} country={props.country} />
    </Layout>
  );
}

function SubstitutesBody(props: { product: ProductSheet; outcome: SubstitutesOutcome; country: string }) {
  const { outcome } = props;
  if (outcome.kind === 'already-a') return <p class="alert alert-success">{frProducts.alreadyA}</p>;
  if (outcome.kind === 'not-applicable') return <p class="alert alert-info">{frProducts.notApplicable}</p>;
  if (outcome.kind === 'no-grade') return <p class="alert alert-info">{frProducts.noGrade}</p>;
  if (outcome.kind === 'no-category') return <p class="alert alert-info">{frProducts.noCategory}</p>;
  if (outcome.kind === 'alone')
    return <p class="alert alert-info">{frProducts.alone(outcome.category.name)}</p>;
  if (outcome.kind === 'none-better') {
    return (
      <p class="alert alert-info">
        {frProducts.noneBetter(
          outcome.searched.map((category) => category.name),
          toInCountry(props.country),
        )}
      </p>
    );
  }
  const widened = outcome.category.id !== outcome.reference.id;
  return (
    <>
      <p class="same-aisle fw-semibold mb-1">{frProducts.sameAisle(outcome.category.name)}</p>
      {widened ? (
        <p class="alert alert-warning widened">
          {frProducts.widened(outcome.reference.name, outcome.category.name)}
        </p>
      ) : null}
      <p>{frProducts.substitutesCount(outcome.total)}</p>
      <ul class="row row-cols-1 row-cols-sm-2 row-cols-lg-3 g-3 list-unstyled">
        {outcome.items.map((substitute) => (
          <li class="col">
            <SubstituteCard
              product={props.product}
              substitute={substitute}
              improvements={toImprovements(
                props.product.nutriments,
                substitute.nutriments,
                props.product.isBeverage ? 'ml' : 'g',
              )}
            />
          </li>
        ))}
      </ul>
      <Pagination code={props.product.code} page={outcome.page} pages={outcome.pages} />
    </>
  );
}

function SubstituteCard(props: {
  product: ProductSheet;
  substitute: Substitute;
  improvements: Improvement[];
}) {
  const { product, substitute } = props;
  return (
    <article class="card h-100 substitute-card">
      <div class="card-body d-flex gap-3">
        <ProductPicture url={substitute.imageSmallUrl} size={80} />
        <div class="flex-grow-1">
          <h3 class="h5 card-title">
            <a href={`/produit/${substitute.code}`}>{substitute.name}</a>
          </h3>
          <p class="small mb-2">{productLine(substitute.brands, substitute.quantity)}</p>
          <NutriscoreBadge grade={substitute.nutriscoreGrade} />
          <ul class="improvements small mt-2 mb-0">
            {product.nutriscoreGrade !== null && substitute.nutriscoreGrade !== null ? (
              <li>{frProducts.betterGrade(product.nutriscoreGrade, substitute.nutriscoreGrade)}</li>
            ) : null}
            {props.improvements.map((improvement) => (
              <li class={improvement.change < 0 ? 'change-less' : 'change-more'}>{improvement.text}</li>
            ))}
          </ul>
        </div>
      </div>
      <div class="card-footer bg-transparent border-0 pt-0 d-flex flex-wrap align-items-center gap-2">
        <SaveSubstituteButton product={product} substitute={substitute} />
        <a
          class="btn btn-link btn-sm compare-link"
          href={`/produit/${product.code}/comparer/${substitute.code}`}
          aria-label={frProducts.compareWith(substitute.name)}
        >
          {frProducts.compare}
        </a>
      </div>
    </article>
  );
}

/** "Sauvegarder" (through the log-in page for a visitor), or "Sauvegardé ✓" and "Retirer". */
export function SaveSubstituteButton(props: {
  product: Pick<ProductSheet, 'code'>;
  substitute: Pick<Substitute, 'code' | 'name'>;
}) {
  const { product, substitute } = props;
  const { viewer, currentUrl, savedPairs } = usePageContext();
  const pair = `${product.code}-${substitute.code}`;
  return viewer === null ? (
    <a
      class="btn btn-outline-brand btn-sm"
      href={`/connexion?${new URLSearchParams({ next: currentUrl, sauver: pair })}`}
      aria-label={frProducts.saveFor(substitute.name)}
    >
      {frProducts.save}
    </a>
  ) : (
    <FavouriteForm
      saved={savedPairs.has(pair)}
      product={product.code}
      substitute={substitute}
      next={currentUrl}
    />
  );
}

function Pagination(props: { code: string; page: number; pages: number }) {
  if (props.pages <= 1) return null;
  const href = (page: number) => `/produit/${props.code}/substituts${page === 1 ? '' : `?page=${page}`}`;
  return (
    <nav aria-label={frProducts.pagination} class="mt-4">
      <ul class="pagination flex-wrap">
        {props.page > 1 ? (
          <li class="page-item">
            <a class="page-link" href={href(props.page - 1)} rel="prev">
              {frProducts.previous}
            </a>
          </li>
        ) : null}
        {toPageWindow(props.page, props.pages).map((page) => (
          <li class={`page-item${page === props.page ? ' active' : ''}${page === null ? ' disabled' : ''}`}>
            {page === null ? (
              <span class="page-link">…</span>
            ) : page === props.page ? (
              <span class="page-link" aria-current="page">
                {page}
              </span>
            ) : (
              <a class="page-link" href={href(page)} aria-label={frProducts.pageN(page)}>
                {page}
              </a>
            )}
          </li>
        ))}
        {props.page < props.pages ? (
          <li class="page-item">
            <a class="page-link" href={href(props.page + 1)} rel="next">
              {frProducts.next}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** First, last, and two either side of the current page; null where pages are skipped. */
export function toPageWindow(page: number, pages: number): (number | null)[] {
  const shown: (number | null)[] = [];
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - page) <= 2) shown.push(n);
    else if (shown.at(-1) !== null) shown.push(null);
  }
  return shown;
}

/** Saves the pair, or, once saved, says so and removes it; both come back to `next`. */
function FavouriteForm(props: {
  saved: boolean;
  product: string;
  substitute: Pick<Substitute, 'code' | 'name'>;
  next: string;
}) {
  const { saved, substitute } = props;
  return (
    <form
      action={saved ? '/mes-aliments/retirer' : '/mes-aliments'}
      method="post"
      class={saved ? 'd-flex align-items-center gap-2' : undefined}
    >
      <CsrfField />
      {saved ? <span class="saved-mark fw-semibold">{frProducts.saved}</span> : null}
      <input type="hidden" name="product" value={props.product} />
      <input type="hidden" name="substitute" value={substitute.code} />
      <input type="hidden" name="next" value={props.next} />
      <button
        class={saved ? 'btn btn-outline-danger btn-sm' : 'btn btn-brand btn-sm'}
        type="submit"
        aria-label={saved ? frProducts.unsaveFor(substitute.name) : frProducts.saveFor(substitute.name)}
      >
        {saved ? frProducts.unsave : frProducts.save}
      </button>
    </form>
  );
}
