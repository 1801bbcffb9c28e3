// Return addresses (`next`) may only point inside the site: the original redirected anywhere.

const ORIGIN = 'http://pur-beurre.invalid';

/**
 * A same-site path (with its query), or `fallback`. Judged on the URL as a browser resolves it
 * (dot segments removed): `/.//evil.example` and `/x/..//evil.example` become `//evil.example`,
 * a protocol-relative URL. Refuses those, absolute URLs (`https:…`, `javascript:…`), backslashes,
 * control characters, and the same tricks percent-encoded once or twice.
 */
export function toSafeNext(raw: unknown, fallback = '/'): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2000) return fallback;
  let decoded: string;
  try {
    // Twice: `%252F%252F` must not become `//` after one more decode somewhere.
    decoded = decodeURIComponent(decodeURIComponent(raw));
  } catch {
    return fallback;
  }
  for (const candidate of [raw, decoded]) {
    if (!candidate.startsWith('/') || /[\\\p{Cc}]/u.test(candidate)) return fallback;
    if (toSameSitePath(candidate) === null) return fallback;
  }
  return toSameSitePath(raw) ?? fallback;
}

/** The normalised path and query of `candidate`, or null when it would leave the site. */
function toSameSitePath(candidate: string): string | null {
  let url: URL;
  try {
    url = new URL(candidate, ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== ORIGIN) return null;
  const path = `${url.pathname}${url.search}`;
  // One slash, then anything but a second slash or a backslash (nor a space a browser trims).
  return /^\/(?![/\\\s])/.test(path) || path === '/' ? path : null;
}
