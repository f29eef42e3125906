import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, ButtonSize, TextInput } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { MIN_SEARCH_LENGTH } from '../api/search-clients.ts';

/** Find a client by name or identity code: opens the client search with the words in the address. */
export function ClientSearchForm({ initial = '', id = 'client-search' }: { initial?: string; id?: string }) {
  const { t } = useTranslation('queue');
  const navigate = useNavigate();
  const [q, setQ] = useState(initial);
  const [tooShort, setTooShort] = useState(false);
  return (
    <form
      className="queue-search"
      role="search"
      aria-label={t('queue.search.title')}
      onSubmit={(e) => {
        e.preventDefault();
        const words = q.trim();
        setTooShort(words.length < MIN_SEARCH_LENGTH);
        if (words.length >= MIN_SEARCH_LENGTH) void navigate(`/care/clients?q=${encodeURIComponent(words)}`);
      }}
    >
      <TextInput
        id={id}
        type="search"
        label={t('queue.search.label')}
        helperText={t('queue.search.help')}
        value={q}
        invalid={tooShort}
        errorText={tooShort ? t('queue.search.tooShort') : undefined}
        onChange={(e) => setQ(e.target.value)}
      />
      <Button type="submit" size={ButtonSize.Small}>
        {t('queue.search.submit')}
      </Button>
    </form>
  );
}
