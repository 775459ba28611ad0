import { parseANumber } from '../../src/matching/anumber';

describe('parseANumber', () => {
  it.each([
    ['A012345678', '012345678'],
    ['a012345678', '012345678'],
    ['A-012-345-678', '012345678'],
    ['012-345-678', '012345678'],
    ['012 345 678', '012345678'],
    ['A# 12345678', '012345678'],
    ['A 012.345.678', '012345678'],
    ['12345678', '012345678'],
    ['A1234567', '001234567'],
    [12345678, '012345678'],
    ['A-No. 212345678', '212345678'],
  ])('%p -> %s', (raw, expected) => {
    expect(parseANumber(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(['A12345', '1234567890', 'B012345678', 'A01234567X', '000000000', 'unknown', '', '12-34'])('rejects %p', (raw) => {
    const r = parseANumber(raw);
    expect(r.ok).toBe(false);
    if (!r.ok && raw) expect(r.reason).not.toContain(raw);
  });
});
