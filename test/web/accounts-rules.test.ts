import { passwordProblem } from '../../src/accounts/password-policy';
import { effectiveLimits, nextUtcMidnight } from '../../src/accounts/quotas';
import { summariseUsage, FLAG_FLOOR } from '../../src/accounts/usage';
import type { Organisation } from '../../src/store/accounts-repo';

describe('password policy', () => {
  it.each([
    ['short', 'too-short'],
    ['password1234', 'too-common'],
    ['PASSWORD1234', 'too-common'],
    ['aaaaaaaaaaaaaaaa', 'too-common'],
    ['ababababababab', 'too-common'],
    ['maria.lopez-2024!', 'too-common'],
    ['x'.repeat(257), 'too-long'],
    ['correct bumblebee lantern', null],
    ['Ünïcødé ßtrîng wörks', null],
  ])('%s → %s', (password, problem) => {
    expect(passwordProblem(password, 'maria.lopez@example.org')).toBe(problem);
  });
});

describe('quotas', () => {
  const org = (o: Partial<Organisation> = {}): Organisation => ({
    id: 'o', name: 'O', requireTotp: false, userDailyQuota: null, orgDailyQuota: null, createdAt: '', ...o,
  });

  it('takes the lower of the server limit and the organisation limit', () => {
    expect(effectiveLimits(org(), { userDailyQuota: 200, orgDailyQuota: 2000 })).toEqual({ user: 200, org: 2000 });
    expect(effectiveLimits(org({ userDailyQuota: 10, orgDailyQuota: 5000 }), { userDailyQuota: 200, orgDailyQuota: 2000 })).toEqual({ user: 10, org: 2000 });
  });

  it('resets at the next UTC midnight', () => {
    expect(nextUtcMidnight(new Date('2026-11-24T23:59:59Z')).toISOString()).toBe('2026-11-25T00:00:00.000Z');
    expect(nextUtcMidnight(new Date('2026-12-31T00:00:00Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe('unusual volume', () => {
  const now = new Date('2026-11-24T15:00:00Z');
  it('flags a jump well above the account’s own habit, and volume near the quota', () => {
    const rows = [
      { userId: 'steady', day: '2026-11-20', people: 70 },
      { userId: 'steady', day: '2026-11-24', people: 25 },
      { userId: 'jump', day: '2026-11-23', people: 2 },
      { userId: 'jump', day: '2026-11-24', people: FLAG_FLOOR },
      { userId: 'quiet', day: '2026-11-24', people: FLAG_FLOOR - 1 },
      { userId: 'near-quota', day: '2026-11-20', people: 700 },
      { userId: 'near-quota', day: '2026-11-24', people: 160 },
    ];
    const flagged = Object.fromEntries(summariseUsage(rows, now, 200).map((u) => [u.userId, u.flagged]));
    expect(flagged).toEqual({ steady: false, jump: true, quiet: false, 'near-quota': true });
  });
});
