import type { QuotaDecision } from '../accounts/quotas';
import { formatCheckedAt } from './lookup/presenter';

export interface QuotaView {
  scope: string;
  limit: number;
  resetsAt: string;
  resetsIn: string;
}

export function presentQuota(d: Extract<QuotaDecision, { ok: false }>, now: Date): QuotaView {
  const minutes = Math.max(1, Math.ceil((d.resetsAt.getTime() - now.getTime()) / 60_000));
  const resetsIn = minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
  return {
    scope: d.scope === 'user' ? 'your account' : 'your organisation',
    limit: d.limit,
    resetsAt: formatCheckedAt(d.resetsAt),
    resetsIn,
  };
}
