import { useState, type FormEvent } from 'react';
import { Button, ButtonSize, ButtonVariant, LoadingSpinner, StatusLabel, TextInput } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '@civic/shared/common';
import type { Role } from '@civic/shared/roles';
import { useMe } from '@civic/shared/web/auth';
import { NativeSelect } from '@civic/shared/web/native-select';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { usePageTitle } from '@civic/shared/web/page';
import { useInviteUser, useOrgUsers, useSetUserDisabled } from '../../features/care/api/portal.ts';

const EMPTY = {
  username: '',
  displayName: '',
  email: '',
  role: 'provider_user' as Role,
  language: 'fi' as Language,
};

/** A provider admin's own organisation: its users, invitations by e-mail, disabling (never deleting). */
export function UsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.users'));
  const me = useMe();
  const { data, isPending, error } = useOrgUsers();
  const invite = useInviteUser();
  const setDisabled = useSetUserDisabled();
  const [form, setForm] = useState(EMPTY);
  const [invited, setInvited] = useState<string | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    setInvited(null);
    invite.mutate(
      {
        username: form.username.trim(),
        displayName: form.displayName.trim(),
        email: form.email.trim(),
        roles: [form.role],
        language: form.language,
      },
      {
        onSuccess: (u) => {
          setInvited(u.email);
          setForm(EMPTY);
        },
      },
    );
  }
  return (
    <section className="stack">
      <h1>{t('nav.users')}</h1>
      <ProblemNotice error={error ?? setDisabled.error} />
      {isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption>{t('users.caption', { count: data?.total ?? 0 })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.name')}</th>
                <th scope="col">{t('users.username')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col">{t('care.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {data?.items.map((u) => (
                <tr key={u.id}>
                  <td>{u.displayName}</td>
                  <td>{u.username}</td>
                  <td>{u.roles.map((r) => t(`roles.${r}`)).join(', ')}</td>
                  <td>
                    {u.disabled ? (
                      <StatusLabel type="error">{t('users.disabled')}</StatusLabel>
                    ) : u.lastLoginAt ? (
                      <StatusLabel type="success">{t('users.active')}</StatusLabel>
                    ) : (
                      <StatusLabel type="info">{t('users.invited')}</StatusLabel>
                    )}
                  </td>
                  <td>
                    {u.id !== me.id && (
                      <Button
                        size={ButtonSize.Small}
                        variant={ButtonVariant.Secondary}
                        aria-label={`${u.disabled ? t('users.enable') : t('users.disable')}: ${u.displayName}`}
                        onClick={() => setDisabled.mutate({ id: u.id, disabled: !u.disabled })}
                      >
                        {u.disabled ? t('users.enable') : t('users.disable')}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('users.invite')}</h2>
      <form className="stack narrow" onSubmit={submit}>
        <TextInput
          id="invite-name"
          label={t('users.name')}
          required
          value={form.displayName}
          onChange={(e) => setForm({ ...form, displayName: e.target.value })}
        />
        <TextInput
          id="invite-email"
          type="email"
          label={t('users.email')}
          required
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
        />
        <TextInput
          id="invite-username"
          label={t('users.username')}
          helperText={t('users.usernameHelp')}
          required
          value={form.username}
          onChange={(e) => setForm({ ...form, username: e.target.value })}
        />
        <NativeSelect
          id="invite-role"
          label={t('users.role')}
          value={form.role}
          options={(['provider_user', 'provider_admin'] as const).map((r) => ({
            value: r,
            label: t(`roles.${r}`),
          }))}
          onChange={(v) => setForm({ ...form, role: v as Role })}
        />
        <NativeSelect
          id="invite-language"
          label={t('users.language')}
          value={form.language}
          options={LANGUAGES.map((l) => ({ value: l, label: t(`users.languages.${l}`) }))}
          onChange={(v) => setForm({ ...form, language: v as Language })}
        />
        <ProblemNotice error={invite.error} showDetail />
        {invited && (
          <Notification type="success" label={t('users.invited')}>
            {t('users.invitedTo', { email: invited })}
          </Notification>
        )}
        <Button type="submit" disabled={invite.isPending}>
          {t('users.sendInvite')}
        </Button>
      </form>
    </section>
  );
}
