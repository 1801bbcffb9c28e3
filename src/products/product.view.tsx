import type { ComponentChildren } from 'preact';
import type { LevelledNutrient, NovaGroup, NutrientLevel, ProductSheet } from '../product/product.js';
import { Layout, SearchForm } from '../web/layout.js';
import { fr, frProducts } from '../web/strings.fr.js';
import { toInCountries, toInCountry } from './country-names.js';
import { formatGrams } from './improvements.js';
import { NutriscoreBadge, ProductPicture, productLine } from './product-parts.js';
import { toAdditiveName, toAllergenName, toLabelName } from './tag-names.js';

const NUTRIENT_ORDER: LevelledNutrient[] = ['fat', 'saturatedFat', 'sugars', 'salt'];
/** Stored too, and what a shopper reads on a pack, but without OFF levels. */
const OTHER_NUTRIENTS: { key: 'energyKcal' | 'fiber' | 'proteins'; label: string; unit: 'kcal' | 'g' }[] = [
  { key: 'energyKcal', label: frProducts.energy, unit: 'kcal' },
  { key: 'fiber', label: frProducts.fiber, unit: 'g' },
  { key: 'proteins', label: frProducts.proteins, unit: 'g' },
];
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
            {OTHER_NUTRIENTS.map(({ key, label, unit }) => {
              const value = product.nutriments[key];
              return (
                <li class="d-flex flex-wrap align-items-center gap-2 mb-2">
                  <span class="level-dot level-none" aria-hidden="true" />
                  <span class="fw-semibold">{label}</span>
                  <span>
                    {value === null
                      ? frProducts.unknownValue
                      : unit === 'kcal'
                        ? `${Math.round(value)} kcal`
                        : `${formatGrams(value)} g`}
                  </span>
                </li>
              );
            })}
          </ul>
          <p class="d-flex flex-wrap gap-2 mt-4">
            <a class="btn btn-brand" href={`/produit/${product.code}/substituts`}>
              {frProducts.seeSubstitutes}
            </a>
            <a class="btn btn-outline-secondary" href={toFrenchOffUrl(product.code)} rel="noopener">
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
          <ProductDetailsList product={product} />
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

/** The product's page on the French Open Food Facts site. */
export function toFrenchOffUrl(code: string): string {
  return `https://fr.openfoodfacts.org/produit/${code}`;
}

function ProductDetailsList(props: { product: ProductSheet }) {
  const { product } = props;
  const list = (tags: string[] | null, toName: (tag: string) => string, none: string) =>
    tags === null ? frProducts.unknownValue : tags.length === 0 ? none : tags.map(toName).join(', ');
  const rows: [string, ComponentChildren][] = [
    [frProducts.nova, toNovaText(product.novaGroup)],
    [frProducts.greenScore, toGreenScoreText(product)],
    [frProducts.allergens, list(product.allergens, toAllergenName, frProducts.noAllergens)],
    [frProducts.additives, list(product.additives, toAdditiveName, frProducts.noAdditives)],
    [frProducts.labels, list(product.labels, toLabelName, frProducts.noLabels)],
    [
      frProducts.ingredients,
      product.ingredientsText === null ? (
        frProducts.unknownValue
      ) : (
        <IngredientsText text={product.ingredientsText} />
      ),
    ],
    [frProducts.barcode, product.code],
  ];
  return (
    <section class="product-details mt-4" aria-labelledby="details-heading">
      <h2 id="details-heading" class="h4">
        {frProducts.detailsTitle}
      </h2>
      <dl class="row small">
        {rows.map(([term, value]) => (
          <>
            <dt class="col-sm-4">{term}</dt>
            <dd class="col-sm-8">{value}</dd>
          </>
        ))}
      </dl>
    </section>
  );
}

/** OFF marks the allergens of an ingredients list as `_blé_`: shown in bold, as on packs. */
function IngredientsText(props: { text: string }) {
  return (
    <>
      {props.text.split(/_([^_]+)_/).map((part, index) => (index % 2 === 1 ? <strong>{part}</strong> : part))}
    </>
  );
}

export function toNovaText(group: NovaGroup | null): string {
  return group === null ? frProducts.unknownValue : frProducts.novaValue(group, frProducts.novaGroups[group]);
}

function toGreenScoreText(
  product: Pick<ProductSheet, 'greenScoreGrade' | 'greenScoreNotApplicable'>,
): string {
  if (product.greenScoreGrade !== null) return frProducts.greenScoreValue(product.greenScoreGrade);
  return product.greenScoreNotApplicable ? frProducts.greenScoreNotApplicable : frProducts.unknownValue;
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
