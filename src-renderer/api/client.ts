import {
  apiMethods,
  envelopeSchema,
  errorEnvelope,
  parseApiEvent,
  type ApiArgs,
  type ApiEventMessage,
  type ApiMethodName,
  type ApiResult,
  type FanoutBridge,
} from '../../src-shared/api';
import { ApiCallError } from './api-call-error';

/**
 * The renderer's only way to the main process. Results and events are checked against the
 * contract here too: the window trusts nothing it did not validate.
 */
export interface ApiClient {
  call<M extends ApiMethodName>(method: M, args: ApiArgs<M>): Promise<ApiResult<M>>;
  onEvent(listener: (event: ApiEventMessage) => void): () => void;
}

export function createApiClient(bridge: FanoutBridge): ApiClient {
  return {
    async call(method, args) {
      const raw = await bridge.call(method, args).catch(() =>
        errorEnvelope('unavailable', 'Fanout did not answer. Try again; if it keeps happening, restart Fanout.'),
      );
      const envelope = envelopeSchema.safeParse(raw);
      if (!envelope.success) throw new ApiCallError({ code: 'internal', message: 'Fanout sent an answer this window cannot read.' });
      if (!envelope.data.ok) throw new ApiCallError(envelope.data.error);
      const result = apiMethods[method].result.safeParse(envelope.data.value);
      if (!result.success) throw new ApiCallError({ code: 'internal', message: 'Fanout sent an answer this window cannot read.' });
      return result.data as ApiResult<typeof method>;
    },
    onEvent(listener) {
      return bridge.subscribe((name, payload) => {
        const event = parseApiEvent(name, payload);
        if (event) listener(event);
        else console.warn(`Fanout: ignored an event that does not match the contract: ${name}`);
      });
    },
  };
}
