import type { ComposedRequest, DescribedOperation } from './operation-composer';
import type { AriOperation, AriParams } from './transport';

/**
 * A server's ARI API description once loaded, as the request pipeline uses
 * it. The ari-client implementation (`./ari-client`) is the only code that
 * knows how it was loaded.
 */
export interface LoadedAriApi {
  /** The operations as the description declares them, or undefined when they cannot be read (every request then composes the general way). */
  readonly operations: readonly DescribedOperation[] | undefined;
  /**
   * Composes any operation of the description the general (slow) way.
   * Rejects with `ARI_REQUEST_FAILED` for an unknown operation or arguments
   * the description refuses (e.g. a missing path parameter).
   */
  compose(op: AriOperation, params: AriParams): Promise<ComposedRequest>;
}
