import { useEffect, useState, type FormEvent } from 'react';
import { Button, ButtonVariant, PasswordInput, TextInput } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { LoginRequestSchema, type UserMe } from '../auth.ts';
import { ApiError } from '../http-client.ts';
import { useAuth } from './auth.tsx';

// The schema checker is a large piece of code: the login page renders without it and fetches it
// in the background, so the first page of either app stays small.
const loadValidation = () => import('../validation.ts');

export function LoginForm({ onLoggedIn }: { onLoggedIn: (me: UserMe) => void }) {
  const { t } = useTranslation();
  const { login } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void loadValidation();
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const { validate } = await loadValidation();
    const checked = validate(LoginRequestSchema, { username: username.trim(), password });
    if (!checked.ok) {
      setFieldErrors(Object.fromEntries(checked.errors.map((er) => [er.field, t('login.required')])));
      return;
    }
    setFieldErrors({});
    setBusy(true);
    try {
      onLoggedIn(await login(checked.value));
    } catch (err) {
      setError(t(`errors.${err instanceof ApiError ? err.code : 'internal_error'}`));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="stack">
      {error && (
        <Notification type="error" label={t('login.failed')} role="alert">
          {error}
        </Notification>
      )}
      <TextInput
        id="username"
        label={t('login.username')}
        autoComplete="username"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        errorText={fieldErrors['/username']}
        invalid={!!fieldErrors['/username']}
        required
      />
      <PasswordInput
        id="password"
        label={t('login.password')}
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        errorText={fieldErrors['/password']}
        invalid={!!fieldErrors['/password']}
        revealPasswordButtonAriaLabel={t('login.showPassword')}
        concealPasswordButtonAriaLabel={t('login.hidePassword')}
        required
      />
      <Button type="submit" disabled={busy} variant={ButtonVariant.Primary}>
        {busy ? t('login.submitting') : t('login.submit')}
      </Button>
    </form>
  );
}
