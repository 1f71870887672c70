/**
 * `npm run admin -- <command>`: the operator's tool for staff accounts of a real city (docs/deploy.md).
 * Uses the same database as the server (DATABASE_URL, else the embedded server under YISHI_DATA_DIR)
 * and applies pending migrations first, so it works on a brand-new database.
 * Exit codes: 0 done, 2 bad arguments (or refused: unknown place, phone taken), 1 anything else.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { maskPhone } from '../domain/people/phone';
import { loadConfig } from '../server/config';
import { migrateDatabase, openDatabase, type Db } from '../server/db/client';
import { startEmbeddedPostgres, type EmbeddedServer } from '../server/db/embedded';
import { AppError } from '../server/errors';
import { translate, type Locale } from '../server/i18n/messages';
import {
  createCity,
  createStaffAccount,
  grantRole,
  listStaffAccounts,
  resetAccountPassword,
  revokeRole,
  setAccountActive,
} from '../server/modules/accounts';
import { anchorChains, loadAnchorKey } from '../server/modules/chain';

const usage = `Usage: npm run admin -- <command> [options]

  create-city --code <code> --name <name> [--rural]
      The root of a new city's territory (a brand-new database has no places). Its towns,
      communities and residents then come in through the roster import in the web app.
  create --phone <11 digits> --name <name> --place <place code> [--role <role>]
      A staff account with <role> (default admin) on that place and a one-time password, printed
      once; it must be changed at first login.
  grant --phone <11 digits> --role <role> --place <place code> [--reason <why>]
      Another role for an existing account (effective at its next request). Refused when the
      account would both run and supervise the same places (supervisor beside a staff role).
  revoke --phone <11 digits> --role <role> --place <place code> --reason <why>
      Takes a role away (effective at once); the reason is required.
  list
      Staff accounts: id, masked phone, name, roles@places, enabled, demo, must change password.
  disable --phone <11 digits>      the account can no longer log in; its sessions end now
  enable --phone <11 digits>       the account can log in again
  reset-password --phone <11 digits>
      A new one-time password, printed once; every session of the account ends.
  anchor
      Signs and stores a chain anchor now (every matter's chain length and head; the daily job
      does the same at 00:20 China time), with the key of YISHI_ANCHOR_KEY_FILE.

Roles: resident, member, convenor, grid_worker, supervisor, town_officer, city_officer, admin.
Database: DATABASE_URL if set, else the embedded server under YISHI_DATA_DIR (default ./data).
Every change is recorded in account_events with the actor cli:<os user>@<host>; grants and
revocations also in the record of grants (role_grant_events) that officers read in the web app.`;

/** A bad command line: exit code 2 with the usage. */
class UsageError extends Error {}

const locale: Locale = /^en/i.test(process.env.LC_ALL || process.env.LANG || '') ? 'en' : 'zh-CN';

function cliActor(): string {
  let user = process.env.SUDO_USER || process.env.USER || 'unknown';
  try {
    user = process.env.SUDO_USER || os.userInfo().username;
  } catch {
    // No passwd entry for this uid (a container): keep the environment's name.
  }
  return `cli:${user}@${os.hostname()}`;
}

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

type Command = (
  db: Db,
  values: Record<string, string | boolean | undefined>,
  config: ReturnType<typeof loadConfig>,
) => Promise<void>;

const commands: Record<string, { options: string[]; run: Command }> = {
  'create-city': {
    options: ['code', 'name', 'rural'],
    run: async (db, v) => {
      const city = await createCity(db, {
        code: required(v, 'code'),
        name: required(v, 'name'),
        isRural: v.rural === true,
      });
      console.log(`Created the city ${city.name} (code ${city.code}, id ${city.id}).`);
      console.log(`Next: npm run admin -- create --phone <11 digits> --name <name> --place ${city.code}`);
    },
  },
  create: {
    options: ['phone', 'name', 'place', 'role'],
    run: async (db, v) => {
      const input = { phone: required(v, 'phone'), name: required(v, 'name'), placeCode: required(v, 'place') };
      const role = typeof v.role === 'string' ? v.role : undefined;
      const created = await createStaffAccount(db, { ...input, role }, cliActor());
      console.log(
        `Created account ${created.accountId} (${maskPhone(created.phone)}, ${input.name.trim()}) as ${created.role} of ${created.placeName}.`,
      );
      printOneTimePassword(created.password);
    },
  },
  grant: {
    options: ['phone', 'role', 'place', 'reason'],
    run: async (db, v) => {
      const input = {
        phone: required(v, 'phone'),
        role: required(v, 'role'),
        placeCode: required(v, 'place'),
        reason: typeof v.reason === 'string' ? v.reason : undefined,
      };
      const granted = await grantRole(db, input, cliActor());
      console.log(
        `Account ${granted.accountId} (${maskPhone(granted.phone)}) is now ${granted.role} of ${granted.placeName}.`,
      );
    },
  },
  revoke: {
    options: ['phone', 'role', 'place', 'reason'],
    run: async (db, v) => {
      const input = {
        phone: required(v, 'phone'),
        role: required(v, 'role'),
        placeCode: required(v, 'place'),
        reason: required(v, 'reason'),
      };
      const revoked = await revokeRole(db, input, cliActor());
      console.log(
        `Account ${revoked.accountId} (${maskPhone(revoked.phone)}) is no longer ${revoked.role} of ${revoked.placeName}.`,
      );
    },
  },
  list: {
    options: [],
    run: async (db) => {
      const rows = await listStaffAccounts(db);
      if (rows.length === 0) {
        console.log('No staff accounts yet. Create one: npm run admin -- create --phone … --name … --place …');
        return;
      }
      const yesNo = (b: boolean) => (b ? 'yes' : 'no');
      printTable(
        ['id', 'phone', 'name', 'roles', 'enabled', 'demo', 'must change password'],
        rows.map((r) => [
          String(r.id),
          maskPhone(r.phone),
          r.displayName,
          r.grants.map((g) => `${g.role}@${g.placeCode}`).join(' ') || '-',
          yesNo(r.isActive),
          yesNo(r.isDemo),
          yesNo(r.mustChangePassword),
        ]),
      );
    },
  },
  disable: {
    options: ['phone'],
    run: async (db, v) => {
      const account = await setAccountActive(db, required(v, 'phone'), false, cliActor());
      console.log(`Disabled account ${account.accountId} (${maskPhone(account.phone)}); its sessions have ended.`);
    },
  },
  enable: {
    options: ['phone'],
    run: async (db, v) => {
      const account = await setAccountActive(db, required(v, 'phone'), true, cliActor());
      console.log(`Enabled account ${account.accountId} (${maskPhone(account.phone)}).`);
    },
  },
  'reset-password': {
    options: ['phone'],
    run: async (db, v) => {
      const account = await resetAccountPassword(db, required(v, 'phone'), cliActor());
      console.log(
        `Reset the password of account ${account.accountId} (${maskPhone(account.phone)}); its sessions have ended.`,
      );
      printOneTimePassword(account.password);
    },
  },
  anchor: {
    options: [],
    run: async (db, _v, config) => {
      const key = loadAnchorKey(config.anchorKey);
      const anchor = await anchorChains(db, key);
      console.log(
        `Anchored ${anchor.matterCount} chains on ${anchor.day} (anchor ${anchor.anchorId}, ${anchor.changed} changed since the last): root ${anchor.root}, key ${key.keyId}.`,
      );
    },
  },
};

/** Terminal columns of a string: CJK characters take two. */
const widthOf = (text: string) => [...text].reduce((n, c) => n + (c.codePointAt(0)! >= 0x1100 ? 2 : 1), 0);

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(widthOf(h), ...rows.map((r) => widthOf(r[i]!))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + ' '.repeat(widths[i]! - widthOf(c)))
      .join('  ')
      .trimEnd();
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
}

function printOneTimePassword(password: string): void {
  // The only copy in clear: stdout, never a log; the database keeps its scrypt hash.
  console.log(`One-time password: ${password}`);
  console.log('It is shown only now. Hand it over in person; it must be changed at the first login.');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`unknown command "${name}"`);
  const options = Object.fromEntries(
    command.options.map((o) => [o, { type: o === 'rural' ? ('boolean' as const) : ('string' as const) }]),
  );
  let values: Record<string, string | boolean | undefined>;
  try {
    const parsed = parseArgs({ args: rest, options: { ...options, help: { type: 'boolean', short: 'h' } } });
    values = parsed.values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }

  const config = loadConfig();
  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.dataDir, config.pgPort, (m) => console.error(m));
    url = embedded.url;
  }
  const database = openDatabase(url, 2);
  try {
    await migrateDatabase(database);
    await command.run(database.db, values, config);
    return 0;
  } finally {
    await database.close();
    await embedded?.release();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${usage}`);
      process.exit(2);
    }
    if (error instanceof AppError && error.status < 500) {
      const field = error.options.field ? ` (--${error.options.field})` : '';
      console.error(`${translate(locale, error.code, error.options.params)}${field} [${error.code}]`);
      process.exit(2);
    }
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
