import { randomBytes } from 'node:crypto';
import { NOTICE_LIFETIME_MS, NoticeSealError, openNotice, sealNotice } from '../../src/crypto/notice-seal';

describe('sealed answers for the exposure notice', () => {
  const key = randomBytes(32);
  const now = new Date('2026-11-24T15:00:00Z');
  const body = { clientName: 'Invented Person', answer: { tier: 'confirmed' } };

  it('round-trips for the same account within the hour', () => {
    const token = sealNotice(key, 'user-1', body, now);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token).not.toContain('Invented');
    expect(openNotice(key, 'user-1', token, new Date(now.getTime() + NOTICE_LIFETIME_MS - 1000))).toEqual(body);
  });

  it.each([
    ['an hour later', (t: string) => openNotice(key, 'user-1', t, new Date(now.getTime() + NOTICE_LIFETIME_MS))],
    ['for another account', (t: string) => openNotice(key, 'user-2', t, now)],
    ['under another key', (t: string) => openNotice(randomBytes(32), 'user-1', t, now)],
    ['with one byte changed', (t: string) => openNotice(key, 'user-1', `${t.slice(0, 30)}${t[30] === 'A' ? 'B' : 'A'}${t.slice(31)}`, now)],
    ['truncated', (t: string) => openNotice(key, 'user-1', t.slice(0, 10), now)],
    ['not base64url', () => openNotice(key, 'user-1', 'not a token!', now)],
  ])('refuses it %s', (_what, attempt) => {
    const token = sealNotice(key, 'user-1', body, now);
    expect(() => attempt(token)).toThrow(NoticeSealError);
  });

  it('checks its inputs', () => {
    expect(() => sealNotice(Buffer.alloc(16), 'user-1', body, now)).toThrow(RangeError);
    expect(() => sealNotice(key, '', body, now)).toThrow(TypeError);
  });
});
