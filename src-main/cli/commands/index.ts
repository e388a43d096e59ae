import type { Command } from 'commander';
import { registerAuditCommand } from './audit';
import { registerCampaignCommand } from './campaign';
import { registerDbCommand } from './db';
import { registerImportCommand } from './import';
import { registerModemsCommand } from './modems';
import { registerOperatorCommand } from './operator';
import { registerPersonCommand } from './person';
import { registerRetentionCommand } from './retention';
import { registerSendCommand } from './send';
import { registerServeCommand } from './serve';
import { registerSimulateCommand } from './simulate';

/** Every `fanout` command; each module adds one command and its --help. */
export const commandRegistrations: ((program: Command) => void)[] = [
  registerServeCommand,
  registerCampaignCommand,
  registerImportCommand,
  registerModemsCommand,
  registerSendCommand,
  registerSimulateCommand,
  registerDbCommand,
  registerAuditCommand,
  registerPersonCommand,
  registerRetentionCommand,
  registerOperatorCommand,
];
