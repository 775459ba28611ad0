import { ConfigError, loadWebConfig } from '../../src/config';

describe('web configuration', () => {
  it('has safe defaults', () => {
    expect(loadWebConfig({})).toEqual({
      publicUrl: 'http://localhost:3000',
      trustProxy: 0,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      userDailyQuota: 200,
      orgDailyQuota: 2000,
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    const c = loadWebConfig({
      PORT: '8080', PUBLIC_URL: 'https://check.example.org/', TRUST_PROXY: '1', SESSION_IDLE_MINUTES: '15',
      SESSION_ABSOLUTE_HOURS: '8', QUOTA_USER_DAILY: '50', QUOTA_ORG_DAILY: '400', LOG_LEVEL: 'warn',
    });
    expect(c).toEqual({ publicUrl: 'https://check.example.org', trustProxy: 1, sessionIdleMinutes: 15, sessionAbsoluteHours: 8, userDailyQuota: 50, orgDailyQuota: 400, logLevel: 'warn' });
  });

  it.each([
    ['QUOTA_USER_DAILY', '0'],
    ['SESSION_IDLE_MINUTES', 'soon'],
    ['PUBLIC_URL', 'ftp://example.org'],
    ['TRUST_PROXY', '-1'],
    ['LOG_LEVEL', 'chatty'],
  ])('refuses a bad %s, naming it', (name, value) => {
    expect(() => loadWebConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadWebConfig({ [name]: value })).toThrow(new RegExp(`^${name}`));
  });
});
