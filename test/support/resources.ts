// What a test file opens (databases, apps, servers, child processes) closed by its `after` hook
// even when its `before` hook failed halfway: each resource is registered as it is opened, and
// `close()` closes those that were, newest first, every one even if another fails. An open
// pool or server left behind keeps the file's process, and so `npm test`, from ever ending.
export class Resources {
  private readonly closers: (() => unknown)[] = [];

  /** Registers `resource` (just opened) to be closed by `close(resource)`; returns it. */
  add<T>(resource: T, close: (resource: T) => unknown): T {
    this.closers.push(() => close(resource));
    return resource;
  }

  /** Closes everything registered, newest first; throws the first error once all were tried. */
  async close(): Promise<void> {
    const errors: unknown[] = [];
    for (let closer = this.closers.pop(); closer !== undefined; closer = this.closers.pop()) {
      try {
        await closer();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'closing the test resources failed');
  }
}
