import type { ProductSummary } from '../product/product.js';
import { formatDate } from '../products/product.view.js';
import { NutriscoreBadge, ProductPicture, productLine } from '../products/product-parts.js';
import { CsrfField, Layout, SearchForm } from '../web/layout.js';
import { frFavourites } from '../web/strings.fr.js';
import type { FavouritePair } from './favourites.repository.js';

interface Group {
  product: ProductSummary;
  pairs: FavouritePair[];
}

export function toGroups(pairs: readonly FavouritePair[]): Group[] {
  const groups = new Map<number, Group>();
  for (const pair of pairs) {
    const group = groups.get(pair.product.id) ?? { product: pair.product, pairs: [] };
    group.pairs.push(pair);
    groups.set(pair.product.id, group);
  }
  return [...groups.values()];
}

export function FavouritesPage(props: { pairs: FavouritePair[] }) {
  const groups = toGroups(props.pairs);
  return (
    <Layout title={frFavourites.title}>
      <h1>{frFavourites.title}</h1>
      {groups.length === 0 ? (
        <>
          <p>{frFavourites.empty}</p>
          <SearchForm />
        </>
      ) : (
        <>
          <p>{frFavourites.lead}</p>
          <p class="d-flex flex-wrap gap-2">
            <a class="btn btn-outline-brand btn-sm" href="/mes-aliments/export.csv" download>
              {frFavourites.exportCsv}
            </a>
            <a class="btn btn-outline-brand btn-sm" href="/mes-aliments/export.json" download>
              {frFavourites.exportJson}
            </a>
          </p>
        </>
      )}
      {groups.map((group) => (
        <section class="mb-4" aria-labelledby={`replaces-${group.product.code}`}>
          <h2 class="h4" id={`replaces-${group.product.code}`}>
            <a href={`/produit/${group.product.code}`}>{frFavourites.replaces(group.product.name)}</a>{' '}
            <NutriscoreBadge grade={group.product.nutriscoreGrade} />
          </h2>
          <ul class="row row-cols-1 row-cols-md-2 g-3 list-unstyled">
            {group.pairs.map((pair) => (
              <li class="col">
                <article class="card h-100">
                  <div class="card-body d-flex gap-3">
                    <ProductPicture url={pair.substitute.imageSmallUrl} size={72} />
                    <div class="flex-grow-1">
                      <h3 class="h5">
                        <a href={`/produit/${pair.substitute.code}`}>{pair.substitute.name}</a>
                      </h3>
                      <p class="small mb-1">
                        {productLine(pair.substitute.brands, pair.substitute.quantity)}
                      </p>
                      <NutriscoreBadge grade={pair.substitute.nutriscoreGrade} />
                      <p class="small text-body-secondary mt-2 mb-0">
                        {frFavourites.savedOn(formatDate(pair.savedAt))}
                      </p>
                    </div>
                  </div>
                  <div class="card-footer bg-transparent border-0 pt-0">
                    <form action="/mes-aliments/retirer" method="post">
                      <CsrfField />
                      <input type="hidden" name="product" value={pair.product.code} />
                      <input type="hidden" name="substitute" value={pair.substitute.code} />
                      <button
                        class="btn btn-outline-danger btn-sm"
                        type="submit"
                        aria-label={frFavourites.removeFor(pair.substitute.name, pair.product.name)}
                      >
                        {frFavourites.remove}
                      </button>
                    </form>
                  </div>
                </article>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
