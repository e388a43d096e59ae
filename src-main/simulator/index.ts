// The virtual modem. In process: attach VirtualModems to a VirtualSerialBinding and pass the
// binding to Modem.open. As serial devices: startPtySimulator({ count, dir }).
export { VirtualModem } from './virtual-modem';
export type { InboundSms, VirtualModemOptions } from './virtual-modem';
export { VirtualSerialBinding, VirtualPortBinding } from './virtual-binding';
export type { AttachOptions } from './virtual-binding';
export { VirtualNetwork } from './virtual-network';
export type { SubmittedMessage, SubmittedPart } from './virtual-network';
export { startPtySimulator } from './pty-simulator';
export { startInProcessSimulator } from './in-process-simulator';
export type { InProcessSimulator, InProcessSimulatorOptions } from './in-process-simulator';
export type { PtyModemHandle, PtySimulator, PtySimulatorOptions } from './pty-simulator';
export {
  modemProfiles,
  modemProfileIds,
  isModemProfileId,
  sim800,
  huaweiE173,
  quectelEc25,
} from './profiles';
export type { ModemProfile, ModemProfileId } from './profiles';
export type { FaultPlan } from './faults';
