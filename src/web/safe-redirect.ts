/**
 * A redirect target taken from a request (`?next=…`, a Referer) is only followed when it stays on
 * this site: one leading slash, no scheme, no host, no backslash tricks. Anything else gets `fallback`.
 */
export function toSafeRedirect(target: unknown, fallback = '/'): string {
  if (typeof target !== 'string' || target.length === 0 || target.length > 2048) return fallback;
  // Browsers treat `\` as `/` and drop tabs and newlines inside URLs: `/\evil.com`, `/\t/evil.com`.
  if (target.includes('\\') || hasControlCharacter(target)) return fallback;
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

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
