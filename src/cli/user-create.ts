import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../config.js';
import { systemClock } from '../clock.js';
import { emailTaken, insertAccount } from '../db/accounts.js';
import { openDb } from '../db/index.js';
import { insertPerson } from '../db/people.js';
import { emailField } from '../forms/auth.js';
import { oneOf, optionalText, requiredText } from '../forms/index.js';
import { isMessageKey, translator } from '../i18n/index.js';
import { MIN_PASSWORD_LENGTH, hashPassword } from '../passwords.js';

/**
 * `npm run user:create -- --email E --name N [--title T] --role admin|user`: creates a person and
 * an account that can sign in at once. The password comes from standard input, never from the
 * command line, where other users of the machine and the shell history would see it. This is how
 * an unattended install makes its first administrator (/setup then no longer exists).
 */

const usage = `Použití: npm run user:create -- --email E-MAIL --name "JMÉNO" [--title TITUL] --role admin|user

Heslo (alespoň ${MIN_PASSWORD_LENGTH} znaků) se čte ze standardního vstupu, z prvního řádku, např.:
  printf '%s\\n' "$HESLO" | npm run user:create -- --email jana@example.cz --name "Jana Nováková" --role admin
Spuštěno v terminálu se na heslo zeptá.`;

/** A problem the person running the command can fix: printed without a stack trace. */
class UsageError extends Error {}

const t = translator('cs');
const optionsSchema = z.object({ email: emailField(), name: requiredText(200), title: optionalText(40), role: oneOf(['admin', 'user'] as const) });
type Options = z.output<typeof optionsSchema>;

const argumentOptions = {
  email: { type: 'string' },
  name: { type: 'string' },
  title: { type: 'string' },
  role: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The command line, checked: unknown options (such as a password) and stray words are refused. */
function readOptions(argv: string[]): Options | 'help' {
  const parse = () => {
    try {
      return parseArgs({ args: argv, options: argumentOptions, strict: true, allowPositionals: false }).values;
    } catch (error) {
      throw new UsageError(`Chybný příkaz: ${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    }
  };
  const values = parse();
  if (values.help) return 'help';
  const result = optionsSchema.safeParse(values);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `--${String(issue.path[0])}: ${isMessageKey(issue.message) ? t(issue.message) : issue.message}`);
  throw new UsageError(`${problems.join('\n')}\n\n${usage}`);
}

/** Reads a line typed at the terminal without showing it. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new UsageError('Přerušeno; nic nebylo vytvořeno.'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

/** The first line of standard input (without its line end), as piped in by a script. */
async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split('\n')[0].replace(/\r$/, '');
}

/** The new password: asked twice at a terminal, else read from standard input; checked for length. */
async function readPassword(): Promise<string> {
  let password: string;
  if (process.stdin.isTTY) {
    password = await promptHidden('Heslo: ');
    if ((await promptHidden('Heslo znovu: ')) !== password) throw new UsageError('Hesla se neshodují; nic nebylo vytvořeno.');
  } else {
    password = await firstLineOfStdin();
  }
  if (password.length === 0) throw new UsageError(`Chybí heslo: pošlete ho na standardní vstup (první řádek).\n\n${usage}`);
  if (password.length < MIN_PASSWORD_LENGTH) throw new UsageError(`Heslo musí mít alespoň ${MIN_PASSWORD_LENGTH} znaků; nic nebylo vytvořeno.`);
  if (password.length > 200) throw new UsageError('Heslo je příliš dlouhé (nejvýše 200 znaků); nic nebylo vytvořeno.');
  return password;
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  if (options === 'help') {
    console.log(usage);
    return;
  }
  const config = loadConfig();
  const db = openDb(config.databaseFile);
  try {
    const taken = () => new UsageError(`Účet s e-mailem ${options.email} už existuje; nic nebylo vytvořeno.`);
    // Checked before asking for the password, so nobody types one in vain.
    if (emailTaken(db, options.email)) throw taken();
    const passwordHash = await hashPassword(await readPassword(), config.env);
    db.transaction(() => {
      // Checked again: the address may have been taken while the password was being typed.
      if (emailTaken(db, options.email)) throw taken();
      const now = systemClock(config.timeZone).now();
      const personId = insertPerson(db, { name: options.name, title: options.title, email: options.email, phone: '', organisationId: null }, now);
      insertAccount(db, { personId, email: options.email, isAdmin: options.role === 'admin', passwordHash }, now);
    })();
    const role = options.role === 'admin' ? 'správce' : 'uživatel';
    console.log(`Účet ${options.email} (${role}, ${options.title ? `${options.title} ` : ''}${options.name}) vytvořen v ${config.databaseFile}.`);
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? error.message : `Účet nebyl vytvořen: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
