import type { z } from 'zod';
import { appMethods } from './app';

/** The whole request/response contract between the renderer (or any client) and the service. */
export const apiMethods = {
  ...appMethods,
};

export type ApiMethods = typeof apiMethods;
export type ApiMethodName = keyof ApiMethods;
export type ApiArgs<M extends ApiMethodName> = z.input<ApiMethods[M]['args']>;
export type ApiParsedArgs<M extends ApiMethodName> = z.output<ApiMethods[M]['args']>;
export type ApiResult<M extends ApiMethodName> = z.output<ApiMethods[M]['result']>;

export function isApiMethodName(name: unknown): name is ApiMethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiMethods, name);
}

export { defineMethod } from './define';
export type { ApiRole, ApiMethodDefinition } from './define';
