// The engine's public surface: the service and the CLI import from here.
//
//   const engine = createEngine({ store });           // one per database, per process
//   engine.on('progress', (batch) => …);              // ≤ 1 per 250 ms: changes + counts per campaign
//   engine.on('sim', (status) => …);                  // modem/SIM health, in or out of service
//   engine.on('campaign', ({ campaignId, state }) => …);
//   engine.on('inbound', (notice) => …);              // every reply; notice.keyword, optedOut, autoReplyId
//   const { interruptedAsUnknown } = engine.start();  // 'sending' left by a crash → 'unknown'
//   engine.attachModem(await Modem.open({ path }));   // one worker per SIM; detachModem(simId)
//   const { campaign, estimate } = await engine.createCampaign({ name, template, listIds, … });
//   engine.startCampaign(campaign.id);                // running, or scheduled (startAt)
//   engine.pauseCampaign / resumeCampaign / cancelCampaign / resendUnknown (campaign.id);
//   await engine.whenFinished(campaign.id);
//   await engine.stop();                              // lets every modem finish its message
//
// The one place that decides "may this message be sent now?" is send-policy.ts (createSendPolicy);
// issue 8 passes its own SendPolicy through EngineOptions.policy.
export { createEngine, type Engine, type EngineOptions, type AttachedSim, type FinishedState } from './engine';
export type { EngineModem } from './engine-modem';
export type { EngineEvents, MessageChange, ProgressBatch, SimStatus, InboundNotice } from './events';
export type { Clock } from './clock';
export { systemClock } from './clock';
export { createSendPolicy, combineLimits, type SendPolicy, type SendPolicyOptions, type SendDecision, type SendCheck, type RecipientCheck, type SimLimits } from './send-policy';
export type { RetryPolicy } from './sim-worker';
export { previewCampaign, createCampaignFromLists, type CampaignEstimate, type CreatedCampaign, type RecipientPreview } from './campaign-builder';
export { createStopWordMatcher, DEFAULT_STOP_WORDS, type StopWordMatcher } from './stop-words';
export { createKeywordPolicy, DEFAULT_KEYWORD_SETTINGS, AUTO_REPLY_KIND, type KeywordPolicy, type KeywordPolicyOptions, type KeywordAnswer } from './keywords/keyword-policy';
export { createKeywordMatcher, type KeywordMatch, type KeywordMatcher } from './keywords/keyword-matcher';
export { BUILT_IN_KEYWORDS, DEFAULT_ANSWER_TEXTS, languageOfCountry } from './keywords/built-in-keywords';
export { applyKeyword, ANSWER_AT_MOST_EVERY_MS } from './keywords/keyword-actions';
export { quietHoursEnd, isValidTimeZone } from './quiet-hours';
export { timeZoneOfNumber } from './recipient-time-zone';
