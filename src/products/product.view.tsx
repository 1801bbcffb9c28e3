import type { LevelledNutrient, NutrientLevel, ProductSheet } from '../product/product.js';
import { Layout, SearchForm } from '../web/layout.js';
import { fr, frProducts } from '../web/strings.fr.js';
import { toInCountries, toInCountry } from './country-names.js';
import { formatGrams } from './improvements.js';
import { NutriscoreBadge, ProductPicture, productLine } from './product-parts.js';

const NUTRIENT_ORDER: LevelledNutrient[] = ['fat', 'saturatedFat', 'sugars', 'salt'];
const LEVEL_CLASS: Record<NutrientLevel, string> = {
  low: 'level-low',
  moderate: 'level-moderate',
  high: 'level-high',
};

export function ProductSheetPage(props: { product: ProductSheet; country: string }) {
  const { product } = props;
  const soldHere = product.countries.length === 0 || product.countries.includes(props.country);
  const line = productLine(product.brands, product.quantity);
  return (
    <Layout title={product.name}>
      <article class="row g-4">
        <div class="col-12 col-md-4 text-center">
          <ProductPicture
            url={product.imageUrl ?? product.imageSmallUrl}
            size={300}
            class="img-fluid rounded"
          />
        </div>
        <div class="col-12 col-md-8">
          <h1>{product.name}</h1>
          {line === '' ? null : <p class="lead">{line}</p>}
          {product.genericName === null ? null : <p>{product.genericName}</p>}
          <p class="mb-1">
            <NutriscoreBadge
              grade={product.nutriscoreGrade}
              notApplicable={product.nutriscoreNotApplicable}
              large
            />
          </p>
          <p class="small text-body-secondary nutriscore-version">
            {product.nutriscoreGrade === null && product.nutriscoreNotApplicable
              ? frProducts.notApplicableExplained
              : frProducts.nutriscoreVersion(product.nutriscoreVersion)}
          </p>
          <h2 class="h4 mt-4">{frProducts.nutrientLevelsTitle(product.isBeverage ? 'ml' : 'g')}</h2>
          <ul class="list-unstyled nutrient-levels">
            {NUTRIENT_ORDER.map((nutrient) => {
              const level = product.levels[nutrient];
              const value = product.nutriments[nutrient];
              return (
                <li class="d-flex flex-wrap align-items-center gap-2 mb-2">
                  <span
                    class={`level-dot ${level === null ? 'level-unknown' : LEVEL_CLASS[level]}`}
                    aria-hidden="true"
                  />
                  <span class="fw-semibold">{frProducts.nutrients[nutrient]}</span>
                  <span>
                    {value === null
                      ? frProducts.unknownValue
                      : `${formatGrams(value, nutrient === 'salt')} g`}
                  </span>
                  {level === null ? null : (
                    <span class={`badge ${LEVEL_CLASS[level]}`}>{frProducts.levels[level]}</span>
                  )}
                </li>
              );
            })}
          </ul>
          <p class="d-flex flex-wrap gap-2 mt-4">
            <a class="btn btn-brand" href={`/produit/${product.code}/substituts`}>
              {frProducts.seeSubstitutes}
            </a>
            <a class="btn btn-outline-secondary" href={product.offUrl} rel="noopener">
              {frProducts.offLink}
            </a>
          </p>
          <p class="sold-in small">
            {product.countries.length === 0
              ? frProducts.soldWhereUnknown
              : frProducts.soldIn(toInCountries(product.countries))}
          </p>
          {soldHere ? null : (
            <p class="alert alert-warning" role="status">
              {frProducts.notSoldHere(toInCountry(props.country))}
            </p>
          )}
          {product.delisted ? (
            <p class="alert alert-secondary" role="status">
              {frProducts.delisted}
            </p>
          ) : null}
          <p class="small text-body-secondary">
            {(product.dataDateIsImport ? frProducts.importDate : frProducts.dataDate)(
              formatDate(product.dataDate),
            )}
          </p>
        </div>
      </article>
    </Layout>
  );
}

export function PageOutOfRangePage(props: { code: string; name: string; page: number; pages: number }) {
  return (
    <Layout title={frProducts.pageOutOfRangeTitle}>
      <h1>{frProducts.pageOutOfRangeTitle}</h1>
      <p>{frProducts.pageOutOfRange(props.page, props.pages)}</p>
      <a href={`/produit/${props.code}/substituts`}>{frProducts.firstPage(props.name)}</a>
    </Layout>
  );
}

export function UnknownProductPage(props: { code: string }) {
  return (
    <Layout title={frProducts.unknownProductTitle}>
      <h1>{frProducts.unknownProductTitle}</h1>
      <p>{frProducts.unknownProductText(props.code)}</p>
      <SearchForm />
      <a href="/">{fr.backHome}</a>
    </Layout>
  );
}

// Made once (toLocaleDateString builds a formatter on every call).
const DATE = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});

export function formatDate(date: Date): string {
  return DATE.format(date);
}
