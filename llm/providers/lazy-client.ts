/**
 * A provider SDK client made on first use. The SDKs are hundreds of modules (@anthropic-ai/sdk alone
 * brings OpenTelemetry): a process whose gateway never calls a provider never imports its SDK.
 */

/** The client, imported and constructed once; a failed import stays failed (it would not heal). */
export interface LazyClient<T> {
  get(): Promise<T>;
  /** Resolves once the SDK is loaded or failed to load; never rejects (send() reports the failure). */
  load(): Promise<void>;
}

export function lazyClient<T>(make: () => Promise<T>): LazyClient<T> {
  let client: Promise<T> | undefined;
  const get = (): Promise<T> => {
    client ??= make();
    return client;
  };
  return {
    get,
    load: () =>
      get().then(
        () => undefined,
        () => undefined,
      ),
  };
}
