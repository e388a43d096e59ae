import type { z } from 'zod';
import { appMethods } from './app';
import { auditMethods } from './audit';
import { authMethods } from './auth';
import { composeMethods } from './compose';
import { contactsMethods } from './contacts';
import { dataLocationMethods } from './data-location';
import { encryptionMethods } from './encryption';
import { campaignsMethods } from './campaigns';
import { filesMethods } from './files';
import { modemsMethods } from './modems';
import { operatorsMethods } from './operators';
import { inboxMethods } from './inbox';
import { privacyMethods } from './privacy';
import { keywordsMethods } from './keywords';
import { settingsMethods } from './settings';

/** The whole request/response contract between the renderer (or any client) and the service. */
export const apiMethods = {
  ...appMethods,
  ...authMethods,
  ...operatorsMethods,
  ...contactsMethods,
  ...composeMethods,
  ...settingsMethods,
  ...dataLocationMethods,
  ...inboxMethods,
  ...keywordsMethods,
  ...filesMethods,
  ...modemsMethods,
  ...campaignsMethods,
  ...privacyMethods,
  ...auditMethods,
  ...encryptionMethods,
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
export { campaignStates, campaignSummarySchema, messageStates, stateCountsSchema, type CampaignSummary } from './campaigns';
export { modemStates, modemSummarySchema, type ModemSummary } from './modems';
export { maxUploadBytes, transferIdPattern, uploadChunkBytes } from './files';
export type { ApiMethodDefinition } from './define';
