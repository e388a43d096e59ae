import { Command } from 'commander';
import { appVersion } from '../app-version';
import { commandRegistrations } from './commands';

export function buildProgram(): Command {
  const program = new Command('fanout')
    .description('Fanout sends SMS campaigns from your own PC through USB GSM modems.')
    .version(appVersion, '-v, --version', 'show the version')
    .showHelpAfterError('(run with --help to see what is possible)')
    .showSuggestionAfterError(true);
  for (const register of commandRegistrations) register(program);
  return program;
}
