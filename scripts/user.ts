/**
 * npm run user -- add --email E --role admin|attorney|staff --org ORG
 * npm run user -- link --email E        (a new one-time set-up link: lost invitation or password)
 *
 * Prints a one-time account-setup link (valid 72 hours). The link's token is stored only as a keyed
 * digest; this is the only time it is shown.
 */
import { parseArgs } from 'node:util';
import { loadWebConfig } from '../src/config';
import { openContext, runCli, UsageError } from '../src/cli/context';
import { cliAccountService } from '../src/accounts/cli-accounts';
import { AccountError, SETUP_LINK_HOURS } from '../src/accounts/accounts';
import { ROLES, type Role } from '../src/store/accounts-repo';

const USAGE = 'usage: npm run user -- add --email E --role admin|attorney|staff --org ORG\n       npm run user -- link --email E';

runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, role: { type: 'string' }, org: { type: 'string' } },
  });
  const command = positionals[0];
  if (command !== 'add' && command !== 'link') throw new UsageError(USAGE);
  if (!values.email) throw new UsageError(`--email is required\n${USAGE}`);
  const web = loadWebConfig();
  const ctx = await openContext();
  try {
    const { accounts, repo } = cliAccountService(ctx, web.publicUrl);
    let link: string;
    if (command === 'add') {
      if (!values.role || !ROLES.includes(values.role as Role)) throw new UsageError(`--role must be admin, attorney or staff\n${USAGE}`);
      if (!values.org) throw new UsageError(`--org is required\n${USAGE}`);
      try {
        const org = await accounts.ensureOrganisation(values.org);
        ({ setupLink: link } = await accounts.invite({ orgId: org.id, email: values.email, role: values.role as Role, invitedBy: null }));
        console.log(`Created ${values.role} ${values.email.toLowerCase()} in ${org.name}.`);
      } catch (err) {
        if (err instanceof AccountError) throw new UsageError(err.message);
        throw err;
      }
    } else {
      const user = await repo.findUserByEmail(values.email);
      if (!user || user.status === 'disabled') throw new UsageError('no enabled account has that email');
      link = await accounts.issueSetupLink(user.id);
    }
    console.log(`One-time set-up link (valid ${SETUP_LINK_HOURS} hours, shown only now):`);
    console.log(link);
    return 0;
  } finally {
    await ctx.close();
  }
});
