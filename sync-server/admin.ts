/**
 * The operator's command: `npm run admin -- <command> [options]` (tsx sync-server/admin.ts).
 * It opens the same database as the server (SQLite allows a second writer process; PostgreSQL
 * any number). Running servers tell the member's open streams at once (admin/announce.ts).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_DB } from './config';
import { announce } from './admin/announce';
import { ROLES, setRole } from './admin/set-role';
import { openStore } from './store/open';
import type { AuditKind } from './store/types';
import type { MemberRole } from '../shared/schemas/memberships';

export const ADMIN_USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  set-role --community <id> --user <username> --role member|moderator|partner
      Makes the user an active member of the community with that role.
  audit [--kind <kind>] [--limit <n>]
      Prints the newest audit rows (sign-ins, refusals, moderation, reports, roles) as JSON lines.

Options:
  --db <path|postgres://...>   the SQLite file or PostgreSQL URL (KINDRED_DB, default ${DEFAULT_DB})
  --help        this text`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      community: { type: 'string' },
      user: { type: 'string' },
      role: { type: 'string' },
      kind: { type: 'string' },
      limit: { type: 'string' },
      db: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(`${ADMIN_USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const fail = (message: string) => {
    process.stderr.write(`kindred admin: ${message}\n`);
    return 2;
  };
  if (command !== 'set-role' && command !== 'audit') return fail(`unknown command "${command}"`);
  if (command === 'set-role') {
    if (!values.community || !values.user || !values.role) {
      return fail('set-role needs --community, --user and --role');
    }
    if (!ROLES.includes(values.role as MemberRole)) {
      return fail(`--role must be one of ${ROLES.join(', ')}`);
    }
  }

  const store = await openStore(values.db ?? process.env.KINDRED_DB ?? DEFAULT_DB);
  try {
    if (command === 'audit') {
      const rows = await store.listAudit({
        kind: values.kind as AuditKind | undefined,
        limit: values.limit ? Number(values.limit) : 50,
      });
      for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
      return 0;
    }
    const result = await setRole(store, {
      communityId: values.community!,
      username: values.user!,
      role: values.role as MemberRole,
    });
    if (!result.ok) {
      process.stderr.write(`kindred admin: ${result.error}\n`);
      return 1;
    }
    // Open streams of the member hear of it now, not at their next connection.
    await announce(store, result.rows);
    process.stdout.write(
      `${values.user} is now ${result.membership.role} of ${result.membership.communityId}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`kindred admin: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
