/**
 * A redirect target taken from a request (`?next=…`, a Referer) is only followed when it stays on
 * this site: one leading slash, no scheme, no host, no backslash tricks. Anything else gets `fallback`.
 */
export function toSafeRedirect(target: unknown, fallback = '/'): string {
  if (typeof target !== 'string' || target.length === 0 || target.length > 2048) return fallback;
  // Browsers treat `\` as `/` and drop tabs and newlines inside URLs: `/\evil.com`, `/\t/evil.com`.
  if (/[\\\u0000-\u001f\u007f]/.test(target)) return fallback;
  if (!target.startsWith('/') || target.startsWith('//')) return fallback;
  let parsed: URL;
  try {
    parsed = new URL(target, 'http://same-site.invalid');
  } catch {
    return fallback;
  }
  if (parsed.origin !== 'http://same-site.invalid') return fallback;
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}
