import type { RosterConfig, WebConfig } from '../config';
import type { ApiTokenService } from '../accounts/api-tokens';
import type { RosterJobs } from '../rosters/jobs';
import type { PendingUploads } from '../rosters/pending-uploads';
import type { AccountService } from '../accounts/accounts';
import type { AuditLog } from '../audit/audit-log';
import type { Matcher } from '../check/matcher';
import type { AccountsRepo } from '../store/accounts-repo';
import type { AuditRepo } from '../store/audit-repo';
import type { SqliteSessionStore } from '../store/sessions-repo';
import type { ExposureStore } from '../store/types';

/** What route handlers may call: domain services and repositories, built once by createApp. */
export interface WebContext {
  config: WebConfig;
  clock: () => Date;
  store: ExposureStore;
  matcher: Matcher;
  accounts: AccountService;
  accountsRepo: AccountsRepo;
  audit: AuditLog;
  auditRepo: AuditRepo;
  sessionStore: SqliteSessionStore;
  rosterConfig: RosterConfig;
  rosterJobs: RosterJobs;
  pendingUploads: PendingUploads;
  apiTokens: ApiTokenService;
}
