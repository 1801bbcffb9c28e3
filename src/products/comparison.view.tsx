// A product and one substitute side by side, criterion by criterion (issue 12, item 5). The better
// value of a row says so in words ("meilleur"), never by colour alone; a row where either value is
// missing makes no claim.
import type { NutrientLevel, ProductSheet } from '../product/product.js';
import { Layout } from '../web/layout.js';
import { frProducts } from '../web/strings.fr.js';
import { toComparisonRows } from './comparison.js';
import { formatGrams } from './improvements.js';
import { toNovaText } from './product.view.js';
import { NutriscoreBadge, ProductPicture, productLine } from './product-parts.js';
import { SaveSubstituteButton } from './substitutes.view.js';

const LEVEL_CLASS: Record<NutrientLevel, string> = {
  low: 'level-low',
  moderate: 'level-moderate',
  high: 'level-high',
};

export function ComparisonPage(props: { product: ProductSheet; other: ProductSheet; isSubstitute: boolean }) {
  const { product, other } = props;
  const per = product.isBeverage ? 'ml' : 'g';
  const rows = toComparisonRows(product, other);
  const cell = (sheet: ProductSheet, index: 0 | 1, row: (typeof rows)[number]) => {
    const value = row.values[index];
    return (
      <td class={row.better === index ? 'compare-better' : undefined}>
        {row.key === 'nutriscore' ? (
          <>
            <NutriscoreBadge grade={sheet.nutriscoreGrade} notApplicable={sheet.nutriscoreNotApplicable} />{' '}
            <span class="small">{frProducts.nutriscoreVersionShort(sheet.nutriscoreVersion)}</span>
          </>
        ) : row.key === 'nova' ? (
          toNovaText(sheet.novaGroup)
        ) : (
          <>
            {value === null ? frProducts.unknownValue : formatValue(row.key, value)}
            {row.levels === undefined || row.levels[index] === null ? null : (
              <>
                {' '}
                <span class={`badge ${LEVEL_CLASS[row.levels[index] as NutrientLevel]}`}>
                  {frProducts.levels[row.levels[index] as NutrientLevel]}
                </span>
              </>
            )}
          </>
        )}
        {row.better === index ? (
          <>
            {' '}
            <strong class="better-mark">✓ {frProducts.compareBetter}</strong>
          </>
        ) : null}
      </td>
    );
  };
  return (
    <Layout title={frProducts.compareTitle(product.name, other.name)}>
      <h1 class="h2">{frProducts.compareTitle(product.name, other.name)}</h1>
      {props.isSubstitute ? null : <p class="alert alert-info">{frProducts.compareNotSubstitute}</p>}
      <p class="small text-body-secondary">{frProducts.compareBetterHint}</p>
      <div class="table-responsive">
        <table class="table comparison align-middle caption-top">
          <caption>{frProducts.compareCaption(per)}</caption>
          <thead>
            <tr>
              <th scope="col">{frProducts.compareCriterion}</th>
              {[product, other].map((sheet) => (
                <th scope="col">
                  <ProductPicture url={sheet.imageSmallUrl} size={96} class="d-block mb-2" />
                  <a href={`/produit/${sheet.code}`}>{sheet.name}</a>
                  <span class="d-block small fw-normal">{productLine(sheet.brands, sheet.quantity)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr>
                <th scope="row">{row.label}</th>
                {cell(product, 0, row)}
                {cell(other, 1, row)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="d-flex flex-wrap gap-2 align-items-center">
        {props.isSubstitute ? <SaveSubstituteButton product={product} substitute={other} /> : null}
        <a href={`/produit/${product.code}/substituts`}>{frProducts.backToSubstitutes(product.name)}</a>
      </p>
    </Layout>
  );
}

function formatValue(key: string, value: number): string {
  if (key === 'energyKcal') return `${Math.round(value)} kcal`;
  return `${formatGrams(value, key === 'salt')} g`;
}
