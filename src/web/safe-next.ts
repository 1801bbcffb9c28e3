// Return addresses (`next`) may only point inside the site: the original redirected anywhere.

const ORIGIN = 'http://pur-beurre.invalid';

/**
 * A same-site path (with its query), or `fallback`. Refuses absolute and protocol-relative URLs
 * (`//evil`, `/\evil`, `https:…`, `javascript:…`), their percent-encoded forms, and control
 * characters, whatever a browser would make of them.
 */
export function toSafeNext(raw: unknown, fallback = '/'): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2000) return fallback;
  let decoded = raw;
  try {
    // Twice: `%252F%252F` must not become `//` after one more decode somewhere.
    decoded = decodeURIComponent(decodeURIComponent(raw));
  } catch {
    return fallback;
  }
  for (const candidate of [raw, decoded]) {
    if (!candidate.startsWith('/') || candidate.startsWith('//')) return fallback;
    if (/[\\\p{Cc}]/u.test(candidate) || /^\/[\s/\\]/.test(candidate)) return fallback;
  }
  const url = new URL(raw, ORIGIN);
  if (url.origin !== ORIGIN) return fallback;
  return `${url.pathname}${url.search}`;
}
