import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../crypto/password';

/**
 * NIST SP 800-63B §5.1.1.2: a minimum length and a check against commonly used passwords, and no
 * composition rules. The list holds the most frequent breached passwords that reach the minimum
 * length, plus patterns that make a long password trivial.
 */
const COMMON_PASSWORDS = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789abc', 'qwertyuiopas', 'qwertyuiop123',
  'password1234', 'password12345', 'password123456', 'passwordpassword', 'iloveyou1234', 'abcdefghijkl',
  'abc123456789', 'qwerty123456', '1q2w3e4r5t6y', '1qaz2wsx3edc', 'zaq12wsxcde3', 'q1w2e3r4t5y6',
  'aaaaaaaaaaaa', '111111111111', '000000000000', 'letmein12345', 'welcome12345', 'welcome123456',
  'changeme1234', 'administrator', 'adminadmin123', 'football1234', 'baseball1234', 'superman1234',
  'trustno11234', 'monkey123456', 'dragon123456', 'sunshine1234', 'princess1234', 'starwars1234',
  'passw0rd1234', 'p@ssw0rd1234', 'p@ssword1234', 'correcthorsebatterystaple', 'exposurecheck', 'exposurecheck1',
]);

export type PasswordProblem = 'too-short' | 'too-long' | 'too-common';

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  'too-short': `Use at least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a good password.`,
  'too-long': `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
  'too-common': 'That password is too common or too easy to guess. Choose another.',
};

export function passwordProblem(password: string, email: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too-short';
  if (length > PASSWORD_MAX_LENGTH) return 'too-long';
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'too-common';
  if (new Set(lower).size <= 3) return 'too-common';
  const local = email.toLowerCase().split('@')[0] ?? '';
  if (local.length >= 4 && lower.includes(local)) return 'too-common';
  return null;
}
