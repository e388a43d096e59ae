// The engine's public surface: the service and the CLI import from here.
export { createEngine, type Engine, type EngineOptions, type AttachedSim, type FinishedState } from './engine';
export type { EngineModem } from './engine-modem';
export type { EngineEvents, MessageChange, ProgressBatch, SimStatus, InboundNotice } from './events';
export type { Clock } from './clock';
export { systemClock } from './clock';
export { createSendPolicy, combineLimits, type SendPolicy, type SendDecision, type SendCheck, type SimLimits } from './send-policy';
export type { RetryPolicy } from './sim-worker';
export { previewCampaign, createCampaignFromLists, type CampaignEstimate, type CreatedCampaign, type RecipientPreview } from './campaign-builder';
export { parseTemplate, renderTemplate, type ParsedTemplate, type RenderedTemplate, type TemplateSegment } from './template';
export { createStopWordMatcher, DEFAULT_STOP_WORDS, type StopWordMatcher } from './stop-words';
export { quietHoursEnd, isValidTimeZone } from './quiet-hours';
export { timeZoneOfNumber } from './recipient-time-zone';
