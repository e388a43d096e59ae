import { checkDataTarget, readDataLocationConfig, writeDataLocationConfig } from './data-location';
import type { DomainHandlers } from './handlers';
import { ServiceError } from './service-error';

/** How this process found its data folder; absent (tests, embedding) means fixed by the caller. */
export interface DataLocationControl {
  /** Where data-location.json lives. */
  configDir: string;
  fixedBy: 'option' | 'environment' | null;
}

export function createDataLocationHandlers(
  dataDir: string,
  control: DataLocationControl | undefined,
): DomainHandlers<'dataLocation.get' | 'dataLocation.check' | 'dataLocation.change' | 'dataLocation.cancel'> {
  const changeable = () => {
    if (!control || control.fixedBy) {
      throw new ServiceError('conflict', 'The data folder was set when Fanout was started (--data-dir or FANOUT_DATA_DIR); change it there.');
    }
    return control;
  };
  return {
    'dataLocation.get': () => {
      const config = control ? readDataLocationConfig(control.configDir) : {};
      return {
        dataDir,
        fixedBy: control ? control.fixedBy : 'option',
        pending: config.pending ? { target: config.pending.target, mode: config.pending.mode } : null,
        lastChange: config.lastChange ?? null,
      };
    },
    'dataLocation.check': ({ target }) => checkDataTarget(target, dataDir),
    'dataLocation.change': ({ target, mode }) => {
      const { configDir } = changeable();
      const check = checkDataTarget(target, dataDir);
      if (check.problem) throw new ServiceError('bad-request', check.problem);
      if (check.same) throw new ServiceError('bad-request', 'Fanout uses this folder already.');
      if (mode === 'move' && check.existingDataChangedAt) {
        throw new ServiceError('conflict', 'There is Fanout data in that folder already. Use it, or choose an empty folder to move your data to.');
      }
      if (mode === 'use-existing' && !check.existingDataChangedAt) throw new ServiceError('bad-request', 'There is no Fanout data in that folder to use.');
      const config = readDataLocationConfig(configDir);
      writeDataLocationConfig(configDir, { ...config, pending: { target: check.target, mode, requestedAt: new Date().toISOString() } });
      return { pending: { target: check.target, mode } };
    },
    'dataLocation.cancel': () => {
      const { configDir } = changeable();
      const { pending, ...rest } = readDataLocationConfig(configDir);
      if (pending) writeDataLocationConfig(configDir, rest);
      return { cancelled: pending !== undefined };
    },
  };
}
