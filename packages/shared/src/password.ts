/**
 * Password rule (NIST SP 800-63B): length matters, composition rules do not. Checked by the API and
 * by the forms, so the message a user sees is the same in both places.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = 'too_short' | 'too_long' | 'same_as_username';

export function passwordProblem(password: string, username?: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'too_long';
  if (username && password.trim().toLowerCase() === username.trim().toLowerCase()) return 'same_as_username';
  return null;
}
