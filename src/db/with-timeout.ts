/**
 * Rejects when `work` takes longer than `ms` (health checks and `doctor` must answer in bounded
 * time even when a database hangs). `work` itself is not cancelled; its late failure is ignored.
 */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
