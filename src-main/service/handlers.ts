import type { ApiMethodName, ApiParsedArgs, ApiResult } from '../../src-shared/api';
import type { CallContext } from './call-context';

export type ApiHandler<M extends ApiMethodName> = (
  args: ApiParsedArgs<M>,
  context: CallContext,
) => Promise<ApiResult<M>> | ApiResult<M>;

/** Each domain declares the handlers it implements; the service is their union. */
export type ApiHandlers = { [M in ApiMethodName]: ApiHandler<M> };
export type DomainHandlers<M extends ApiMethodName> = { [K in M]: ApiHandler<K> };
