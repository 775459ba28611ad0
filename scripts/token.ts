/**
 * npm run token -- create --email E [--label NAME]   prints a new API token once, on the last line
 * npm run token -- list --email E                    the account's tokens (names and dates, never secrets)
 * npm run token -- revoke --email E --id ID
 *
 * Tokens are stored only as keyed digests: the one printed now cannot be shown again.
 */
import { parseArgs } from 'node:util';
import { openContext, runCli, UsageError } from '../src/cli/context';
import { cliApiTokenService } from '../src/accounts/cli-accounts';
import { AccountsRepo } from '../src/store/accounts-repo';

const USAGE =
  'usage: npm run token -- create --email E [--label NAME]\n       npm run token -- list --email E\n       npm run token -- revoke --email E --id ID';

runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, label: { type: 'string' }, id: { type: 'string' } },
  });
  const command = positionals[0];
  if (command !== 'create' && command !== 'list' && command !== 'revoke') throw new UsageError(USAGE);
  if (!values.email) throw new UsageError(`--email is required\n${USAGE}`);
  const ctx = await openContext();
  try {
    const tokens = cliApiTokenService(ctx);
    const user = await new AccountsRepo(ctx.store.database).findUserByEmail(values.email);
    if (!user || user.status !== 'active') throw new UsageError('no active account has that email (the person must finish setting up their account first)');
    if (command === 'create') {
      const label = (values.label ?? 'command line').trim().slice(0, 80) || 'command line';
      const { token, id } = await tokens.create(user, label);
      console.log(`Created API token ${id} ("${label}") for ${user.email}. Send it as "Authorization: Bearer <token>".`);
      console.log('The token (shown only now):');
      console.log(token);
    } else if (command === 'list') {
      const list = await tokens.list(user);
      if (list.length === 0) console.log('No tokens.');
      for (const t of list) console.log(`${t.id}  ${t.revokedAt ? 'revoked' : 'active '}  created ${t.createdAt}  last used ${t.lastUsedAt ?? 'never'}  "${t.label}"`);
    } else {
      if (!values.id) throw new UsageError(`--id is required\n${USAGE}`);
      if (!(await tokens.revoke(user, values.id))) throw new UsageError('that account has no active token with that id');
      console.log(`Revoked token ${values.id}.`);
    }
    return 0;
  } finally {
    await ctx.close();
  }
});
