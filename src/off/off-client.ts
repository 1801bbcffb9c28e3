// Every request to Open Food Facts goes through here: OFF's User-Agent rule, timeouts, and
// retries with backoff on the failures worth retrying (network, 429, 5xx).
import { pipeline, type Readable, Readable as ReadableStream, Transform } from 'node:stream';
import pRetry, { AbortError } from 'p-retry';

export interface OffClientOptions {
  userAgent: string;
  /** Waiting for response headers, and for each chunk of a body. */
  timeoutMs?: number;
  retries?: number;
  /** First retry delay; doubles each time. */
  retryDelayMs?: number;
  signal?: AbortSignal;
}

export interface OffClient {
  getJson(url: string): Promise<unknown>;
  /** The body as a stream that fails if the server stalls mid-way. */
  openStream(url: string): Promise<{ body: Readable; size: number | null }>;
}

export class OffRequestError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly status: number | null,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'OffRequestError';
  }

  /** What went wrong in a few words, e.g. `ENOTFOUND world.openfoodfacts.org` or `HTTP 503`. */
  get summary(): string {
    const cause = this.cause instanceof OffRequestError ? this.cause : this;
    const reason = cause.message.replace(/^Open Food Facts request failed \((.*)\): .*$/, '$1');
    return this.status === null ? `${reason} ${new URL(this.url).host}` : reason;
  }
}

export function createOffClient(options: OffClientOptions): OffClient {
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function request(url: string): Promise<{ response: Response; controller: AbortController }> {
    return pRetry(
      async () => {
        const controller = new AbortController();
        const onAbort = () => controller.abort(options.signal?.reason);
        options.signal?.addEventListener('abort', onAbort, { once: true });
        const timer = setTimeout(
          () => controller.abort(new Error(`no answer within ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
        let response: Response;
        try {
          response = await fetch(url, {
            headers: { 'User-Agent': options.userAgent, Accept: 'application/json, */*' },
            signal: controller.signal,
          });
        } catch (error) {
          if (options.signal?.aborted) throw new AbortError(toError(options.signal.reason));
          throw new OffRequestError(`${describeNetworkError(error, controller)}`, url, null, {
            cause: error,
          });
        } finally {
          clearTimeout(timer);
          options.signal?.removeEventListener('abort', onAbort);
        }
        if (response.ok) return { response, controller };
        await response.body?.cancel();
        const failure = new OffRequestError(
          `HTTP ${response.status} ${response.statusText}`.trim(),
          url,
          response.status,
        );
        if (response.status === 429 || response.status >= 500) throw failure;
        throw new AbortError(failure);
      },
      {
        retries: options.retries ?? 3,
        minTimeout: options.retryDelayMs ?? 1_000,
        factor: 2,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      },
    ).catch((error: unknown) => {
      const cause = error instanceof AbortError ? error.originalError : error;
      if (cause instanceof OffRequestError) {
        throw new OffRequestError(
          `Open Food Facts request failed (${cause.message}): ${url}`,
          url,
          cause.status,
          {
            cause,
          },
        );
      }
      throw cause;
    });
  }

  return {
    async getJson(url) {
      const { response } = await request(url);
      try {
        return await response.json();
      } catch (error) {
        throw new OffRequestError(
          `Open Food Facts sent a reply that is not JSON: ${url}`,
          url,
          response.status,
          {
            cause: error,
          },
        );
      }
    },

    async openStream(url) {
      const { response, controller } = await request(url);
      if (response.body === null)
        throw new OffRequestError(`Open Food Facts sent no body: ${url}`, url, response.status);
      const length = Number(response.headers.get('content-length'));
      const source = ReadableStream.fromWeb(response.body as import('node:stream/web').ReadableStream);
      const body = guardAgainstStall(source, controller, timeoutMs, url);
      return { body, size: Number.isFinite(length) && length > 0 ? length : null };
    },
  };
}

/** A server that stops sending without closing would hang the import forever. */
function guardAgainstStall(
  source: Readable,
  controller: AbortController,
  timeoutMs: number,
  url: string,
): Readable {
  let timer: NodeJS.Timeout | undefined;
  const guard: Transform = new Transform({
    transform(chunk, _encoding, callback) {
      arm();
      callback(null, chunk);
    },
    flush(callback) {
      clearTimeout(timer);
      callback();
    },
  });
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      guard.destroy(
        new OffRequestError(
          `Open Food Facts stopped sending data for ${timeoutMs / 1000} s: ${url}`,
          url,
          null,
        ),
      );
      controller.abort();
    }, timeoutMs);
  };
  guard.once('close', () => clearTimeout(timer));
  arm();
  // pipeline hands a failure of the download (reset, abort) on to the guard, hence to the reader.
  pipeline(source, guard, () => {});
  return guard;
}

function describeNetworkError(error: unknown, controller: AbortController): string {
  if (controller.signal.aborted && controller.signal.reason instanceof Error)
    return controller.signal.reason.message;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
