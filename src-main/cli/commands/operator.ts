// `fanout operator list | unlock | reset-password`: the CLI acts as the local administrator of the
// database it opens (whoever holds the file and its key has the data anyway), so a forgotten
// admin password or a locked-out last admin is mended here. Each change is audited as the CLI.
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { newPasswordSchema } from '../../../src-shared/api/methods/auth';
import { hashPassword } from '../../service/auth/password-hash';
import type { Operator, Store } from '../../store';
import { CLI_ACTOR } from '../../store/repositories/audit';
import { CliError } from '../cli-error';
import { databaseOption } from '../database-option';
import { openStoreForCli } from '../open-store';

function withExistingStore<T>(dbPath: string, work: (store: Store) => Promise<T> | T): Promise<T> {
  if (!existsSync(dbPath)) throw new CliError(`There is no database at ${dbPath}. Name it with --db PATH.`);
  const store = openStoreForCli(dbPath);
  return Promise.resolve(work(store)).finally(() => store.database.close());
}

function findOperator(store: Store, username: string): Operator {
  const operator = store.operators.findByUsername(username);
  if (!operator) throw new CliError(`There is no operator "${username}". "fanout operator list" shows who there is.`);
  return operator;
}

const subject = (operator: Operator) => `operator ${operator.id} (${operator.username})`;

export function registerOperatorCommand(program: Command): void {
  const operator = program.command('operator').description('Operators of a database: list them, lift a lock-out, set a new password.');
  operator
    .command('list')
    .description('Everyone who can sign in, with role and state.')
    .addOption(databaseOption())
    .action((options: { db: string }) =>
      withExistingStore(options.db, (store) => {
        const operators = store.operators.list();
        if (operators.length === 0) console.log('No operator yet: the first start of Fanout creates the administrator.');
        for (const entry of operators) {
          const state = entry.disabledAt !== null ? 'switched off' : entry.lockedOutAt !== null ? 'locked out' : 'active';
          console.log(`${entry.username}\t${entry.role}\t${state}\t${entry.displayName}`);
        }
      }),
    );
  operator
    .command('unlock <username>')
    .description('Lift a lock-out after too many wrong passwords.')
    .addOption(databaseOption())
    .action((username: string, options: { db: string }) =>
      withExistingStore(options.db, (store) => {
        const found = findOperator(store, username);
        store.operators.unlock(found.id, Date.now());
        store.audit.append({ actor: CLI_ACTOR, action: 'operator.unlock', subject: subject(found) });
        console.log(`${found.username} can sign in again.`);
      }),
    );
  operator
    .command('reset-password <username>')
    .description('Set a new password (read from the first line of standard input) and lift a lock-out.')
    .addOption(databaseOption())
    .action((username: string, options: { db: string }) =>
      withExistingStore(options.db, async (store) => {
        const found = findOperator(store, username);
        // Standard input, not an argument: arguments show up in the shell history and the process list.
        const password = (readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '');
        const checked = newPasswordSchema.safeParse(password);
        if (!checked.success) throw new CliError(checked.error.issues[0]?.message ?? 'That password cannot be used.');
        const passwordHash = await hashPassword(checked.data);
        const now = Date.now();
        store.inTransaction(() => {
          store.operators.setPasswordHash(found.id, passwordHash, now);
          store.operators.unlock(found.id, now);
          store.audit.append({ actor: CLI_ACTOR, action: 'operator.password-reset', subject: subject(found) }, now);
        });
        console.log(`New password set for ${found.username}. Sessions open in a running Fanout end when it restarts.`);
      }),
    );
}
