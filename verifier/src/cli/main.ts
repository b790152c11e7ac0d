import { ConfigError, loadConfig } from '../config.ts';
import { DomainError } from '../domain-error.ts';
import { serve } from '../server.ts';
import { resetAdminPassword } from './admin-commands.ts';
import { backupCommand } from './backup-command.ts';
import { CommandFailed, UsageError } from './command-errors.ts';
import { inviteCommand } from './invite-command.ts';
import { resealWithCurrentKey } from './keys-commands.ts';
import {
  addClientCommand,
  listClientsCommand,
  removeClientCommand,
  rotateKeysCommand,
} from './oidc-commands.ts';
import { printable, printableLines } from './printable.ts';
import { withRuntime } from './runtime.ts';
import { extendGraceCommand } from './settings-commands.ts';
import { USAGE } from './usage.ts';
import { addUser, exportUsersCommand, importUsersCommand, resetUserTwoFactor } from './user-commands.ts';

/** The command line's entry: `node --import tsx verifier/src/cli/main.ts <command>` (npm run verifier). */
async function main(argv: string[]) {
  const [command = 'serve', sub, ...rest] = argv;
  const grouped = ['admin', 'user', 'keys', 'settings', 'oidc'].includes(command);
  const key = grouped ? `${command} ${sub ?? ''}` : command;
  const args = grouped ? rest : argv.slice(1);
  switch (key) {
    case 'serve':
      return serve(loadConfig());
    case 'migrate':
      return withRuntime(async ({ handle }) => {
        process.stdout.write(`Database schema is up to date (${handle.dialect}).\n`);
      });
    case 'admin reset-password':
      return resetAdminPassword(args);
    case 'user add':
      return addUser(args);
    case 'user invite':
      return inviteCommand(args);
    case 'user reset-2fa':
      return resetUserTwoFactor(args);
    case 'keys reseal':
      return resealWithCurrentKey();
    case 'user export':
      return exportUsersCommand(args);
    case 'user import':
      return importUsersCommand(args);
    case 'settings grace':
      return extendGraceCommand(args);
    case 'oidc add-client':
      return addClientCommand(args);
    case 'oidc clients':
      return listClientsCommand();
    case 'oidc remove-client':
      return removeClientCommand(args);
    case 'oidc rotate-keys':
      return rotateKeysCommand();
    case 'backup':
      return backupCommand(args);
    case 'help':
    case '--help':
      process.stdout.write(`${USAGE}\n`);
      return;
    default:
      throw new UsageError(`Unknown command "${printable(argv.join(' '))}".`);
  }
}

/**
 * Every failure ends here, with exit code 1. Messages carry names and values from files, the database
 * and the arguments: none reaches the terminal raw. Usage and command messages have lines of their own;
 * the others are one line. Domain modules shared with the HTTP API refuse with DomainError; its message is
 * the explanation.
 */
function report(error: unknown): void {
  if (error instanceof UsageError) process.stderr.write(`${printableLines(error.message)}\n\n${USAGE}\n`);
  else if (error instanceof CommandFailed) process.stderr.write(`${printableLines(error.message)}\n`);
  else if (error instanceof ConfigError || error instanceof DomainError)
    process.stderr.write(`${printable(error.message)}\n`);
  else if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`${printable(error.message)}\n\n${USAGE}\n`);
  } else {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`${printableLines(text)}\n`);
  }
  process.exitCode = 1;
}

main(process.argv.slice(2)).catch(report);
