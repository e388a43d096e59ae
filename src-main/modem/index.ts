// The modem driver's public face. Start with Modem.open({ path }) for a modem in use,
// probePorts() to list what is plugged in, and PortWatcher to notice modems coming and going.
export { Modem } from './modem';
export type { ModemEvents, ModemHealth, ModemOptions, ModemState } from './modem';
export type { SendFailure, SendProgress, SendRequest, SendResult, PartResult, PartStatus } from './send';
export type { Acknowledge, DeliveryReport, InboundMessage } from './receive';
export type { ModemIdentity, SimStatus } from './identify';
export type { InitReport } from './init';
export type { SignalQuality, Registration } from './signal';
export type { UssdReply } from './ussd';
export { probePort, probePorts } from './probe';
export type { ProbeOptions, ProbeResult } from './probe';
export { PortWatcher, reattachOnNewPorts } from './port-watcher';
export { ModemFleet } from './modem-fleet';
export type { ModemFleetEvents, ModemFleetOptions } from './modem-fleet';
export { systemSerialBinding, PortOpenError } from './serial-open';
export type { SerialBinding, SerialBindingPort, SerialPortInfo } from './serial-binding';
export {
  ModemError,
  AtCommandError,
  CmeError,
  CmsError,
  SimPinRequiredError,
  SimPukRequiredError,
  WrongPinError,
  SimNotInsertedError,
  AtTimeoutError,
  AtResyncError,
  EssentialCommandSilentError,
  PromptLostError,
  PortClosedError,
  NotAModemError,
} from './errors';
export type { SendFailureClass } from './errors';
export { PinRejectedError } from './sim-pin';
export { TrafficLog } from './traffic-log';
export type { TrafficEntry } from './traffic-log';
