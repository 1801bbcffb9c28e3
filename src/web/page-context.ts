// What every page may need from its request, without threading it through each view: the
// logged-in user (navbar), a one-time message, and CSRF tokens for the forms it renders.
import type { FastifyReply } from 'fastify';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { type Flash, takeFlash, type Viewer } from './sessions.js';

export interface PageContextValue {
  viewer: Viewer | null;
  flash: Flash | null;
  /** The current path and query: where a log-in should come back to. */
  currentUrl: string;
  /** A CSRF token for a form; only pages with forms create a session for it. */
  csrfToken: () => string;
  /** The viewer's saved pairs among those the page shows, as `product-substitute` barcodes. */
  savedPairs: ReadonlySet<string>;
}

const VISITOR: PageContextValue = {
  viewer: null,
  flash: null,
  currentUrl: '/',
  csrfToken: () => '',
  savedPairs: new Set(),
};

export const PageContext = createContext<PageContextValue>(VISITOR);

export function usePageContext(): PageContextValue {
  return useContext(PageContext);
}

export function toPageContext(reply: FastifyReply): PageContextValue {
  const request = reply.request;
  // A request refused before the session was read (a bad cookie, an early error) is a visitor's.
  const hasSession = typeof request.session?.get === 'function';
  let token: string | null = null;
  return {
    viewer: request.viewer ?? null,
    flash: hasSession ? takeFlash(request) : null,
    currentUrl: request.url,
    savedPairs: request.savedPairs ?? VISITOR.savedPairs,
    csrfToken: () => {
      if (!hasSession) return '';
      token ??= reply.generateCsrf();
      return token;
    },
  };
}
