// A visitor for `app.inject`: keeps the session cookie and posts forms with the CSRF token of the
// page it last read, as a browser would.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface InjectBrowser {
  get(url: string): Promise<LightMyRequestResponse>;
  /** Posts a form; `_csrf` is taken from the last page read unless given. */
  post(url: string, form: Record<string, string>): Promise<LightMyRequestResponse>;
  cookie(): string | undefined;
  lastPage(): string;
}

export function createInjectBrowser(app: FastifyInstance): InjectBrowser {
  let cookie: string | undefined;
  let page = '';
  const remember = (response: LightMyRequestResponse) => {
    const session = response.cookies.find((c) => c.name === 'pb_session');
    if (session !== undefined) cookie = session.value === '' ? undefined : session.value;
    if (String(response.headers['content-type']).startsWith('text/html')) page = response.body;
    return response;
  };
  return {
    async get(url) {
      return remember(
        await app.inject({
          method: 'GET',
          url,
          ...(cookie === undefined ? {} : { cookies: { pb_session: cookie } }),
        }),
      );
    },
    async post(url, form) {
      const token = page.match(/name="_csrf" value="([^"]*)"/)?.[1] ?? '';
      return remember(
        await app.inject({
          method: 'POST',
          url,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ _csrf: token, ...form }).toString(),
          ...(cookie === undefined ? {} : { cookies: { pb_session: cookie } }),
        }),
      );
    },
    cookie: () => cookie,
    lastPage: () => page,
  };
}
