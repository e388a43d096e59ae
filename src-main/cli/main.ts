import { CliError } from './cli-error';
import { buildProgram } from './program';

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`Error: ${error.message}`);
      process.exitCode = error.exitCode;
      return;
    }
    console.error('Fanout stopped because of an unexpected problem:', error);
    process.exitCode = 70;
  }
}

void main(process.argv);
