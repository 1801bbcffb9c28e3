// Pieces every product list shows: the Nutri-Score badge in its official colours and the picture.
import type { NutriscoreGrade } from '../product/product.js';
import { frProducts } from '../web/strings.fr.js';

export function NutriscoreBadge(props: {
  grade: NutriscoreGrade | null;
  notApplicable?: boolean;
  large?: boolean;
}) {
  const notApplicable = props.grade === null && props.notApplicable === true;
  const grade = props.grade ?? (notApplicable ? 'not-applicable' : 'unknown');
  return (
    <span class={`nutriscore nutriscore-${grade}${props.large === true ? ' nutriscore-lg' : ''}`}>
      {frProducts.nutriscore(props.grade, notApplicable)}
    </span>
  );
}

/** Lazy, sized, and a neutral placeholder when OFF has no picture. */
export function ProductPicture(props: { url: string | null; size: number; class?: string }) {
  return (
    <img
      src={props.url ?? '/static/placeholder.svg'}
      alt=""
      width={props.size}
      height={props.size}
      loading="lazy"
      decoding="async"
      class={`product-picture ${props.class ?? ''}`.trim()}
    />
  );
}

export function productLine(brands: string | null, quantity: string | null): string {
  return [brands?.split(',')[0]?.trim(), quantity]
    .filter((part) => part !== undefined && part !== null && part !== '')
    .join(' · ');
}
