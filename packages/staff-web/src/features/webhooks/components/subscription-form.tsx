import { useState, type FormEvent } from 'react';
import { Button, Checkbox, TextArea, TextInput } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { validate } from '@civic/shared/validation';
import { ApiError } from '@civic/shared/http-client';
import type { FieldError } from '@civic/shared/problem';
import { NativeSelect } from '@civic/shared/web/native-select';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import {
  CreateWebhookSubscriptionSchema,
  WEBHOOK_EVENT_TYPE_NAMES,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
  type WebhookSubscriptionWithSecret,
} from '@civic/shared/webhooks';
import { useCreateWebhook } from '../api/create-webhook.ts';
import { useIntegrationClients } from '../api/get-integration-clients.ts';
import { eventTypeKey } from './event-type-label.ts';

/** Subscribe an integration client; only event types its scopes allow can be ticked. */
export function SubscriptionForm({ onCreated }: { onCreated: (sub: WebhookSubscriptionWithSecret) => void }) {
  const { t } = useTranslation('webhooks');
  const clients = useIntegrationClients();
  const create = useCreateWebhook();
  const [clientId, setClientId] = useState('');
  const [url, setUrl] = useState('https://');
  const [types, setTypes] = useState<WebhookEventType[]>([]);
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const active = (clients.data ?? []).filter((c) => !c.revoked);
  const scopes = active.find((c) => c.id === clientId)?.scopes ?? [];
  const errorAt = (prefix: string) =>
    errors.find((e) => e.field === prefix || e.field.startsWith(`${prefix}/`));
  const apiErrors = create.error instanceof ApiError ? (create.error.problem?.errors ?? []) : [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      integrationClientId: clientId,
      url: url.trim(),
      eventTypes: types,
      ...(description.trim() ? { description: description.trim() } : {}),
    };
    const checked = validate(CreateWebhookSubscriptionSchema, body);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors([]);
    create.mutate(checked.value, {
      onSuccess: (sub) => {
        setUrl('https://');
        setTypes([]);
        setDescription('');
        onCreated(sub);
      },
    });
  };
  const urlError = errorAt('/url') ?? apiErrors.find((x) => x.field === '/url');

  if (clients.data && !active.length) return <p>{t('webhooks.noClients')}</p>;
  return (
    <form className="stack narrow" onSubmit={submit} noValidate>
      <NativeSelect
        id="webhook-client"
        label={t('webhooks.client')}
        value={clientId}
        options={[
          { value: '', label: t('webhooks.chooseClient') },
          ...active.map((c) => ({ value: c.id, label: `${c.name} (${c.clientId})` })),
        ]}
        onChange={(v) => {
          setClientId(v);
          setTypes([]);
        }}
      />
      {errorAt('/integrationClientId') && <p className="field-error">{t('webhooks.chooseClient')}</p>}
      <TextInput
        id="webhook-url"
        label={t('webhooks.url')}
        helperText={t('webhooks.urlHelp')}
        value={url}
        type="url"
        inputMode="url"
        onChange={(e) => setUrl(e.target.value)}
        invalid={!!urlError}
        errorText={urlError ? t('webhooks.urlHelp') : undefined}
        required
      />
      <fieldset className="plain-fieldset webhook-events">
        <legend>{t('webhooks.eventTypes')}</legend>
        <p>{t('webhooks.eventTypesHelp')}</p>
        {WEBHOOK_EVENT_TYPE_NAMES.map((type) => {
          const scope = WEBHOOK_EVENT_TYPES[type].scope;
          const allowed = scopes.includes(scope);
          return (
            <Checkbox
              key={type}
              id={`webhook-type-${type.replace('.', '-')}`}
              label={
                allowed || !clientId
                  ? t(eventTypeKey(type))
                  : `${t(eventTypeKey(type))} (${t('webhooks.needsScope', { scope })})`
              }
              checked={types.includes(type)}
              disabled={!allowed}
              onChange={(e) =>
                setTypes(e.target.checked ? [...types, type] : types.filter((x) => x !== type))
              }
            />
          );
        })}
        {errorAt('/eventTypes') && <p className="field-error">{t('webhooks.eventTypesHelp')}</p>}
      </fieldset>
      <TextArea
        id="webhook-description"
        label={t('webhooks.description')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <ProblemNotice error={create.error} showDetail />
      <div className="button-row">
        <Button type="submit" disabled={create.isPending}>
          {t('webhooks.create')}
        </Button>
      </div>
    </form>
  );
}
