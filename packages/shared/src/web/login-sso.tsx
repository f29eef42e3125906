import { useEffect, useState } from 'react';
import type { AuthOptions } from '../sso.ts';
import type { SsoApp, SsoErrorCode } from '../auth.ts';
import type { Language } from '../common.ts';

// Single sign-on on the login page, loaded beside it rather than in the app's first page (the staff
// app's first page is at its size budget). It takes what it needs from the page as props and uses
// plain elements styled like HDS ones, so the chunk shares no code with the page; its texts are
// here in the three languages, like the problem messages, and login-sso.test.ts checks them.
export const SSO_TEXTS: Record<
  Language,
  { button: string; or: string; cancelledTitle: string; errors: Record<SsoErrorCode, string> }
> = {
  fi: {
    button: 'Kirjaudu kaupungin tunnuksella',
    or: 'tai',
    cancelledTitle: 'Kirjautuminen peruttiin',
    errors: {
      sso_failed: 'Kaupungin tunnistuspalvelun vastausta ei voitu hyväksyä. Yritä uudelleen.',
      sso_state_invalid:
        'Kirjautuminen vanheni tai sitä ei aloitettu tässä selaimessa. Aloita kirjautuminen uudelleen.',
      sso_unmapped:
        'Kaupungin tunnuksellesi ei ole käyttäjätiliä tässä palvelussa. Pyydä pääkäyttäjää lisäämään sinut.',
      sso_refused: 'Tällä tunnuksella ei voi kirjautua tähän palveluun. Ota yhteyttä pääkäyttäjään.',
      sso_cancelled:
        'Peruit kirjautumisen kaupungin tunnistuspalvelussa. Voit kirjautua uudelleen, kun haluat.',
    },
  },
  sv: {
    button: 'Logga in med stadens konto',
    or: 'eller',
    cancelledTitle: 'Inloggningen avbröts',
    errors: {
      sso_failed: 'Svaret från stadens identifieringstjänst kunde inte godkännas. Försök igen.',
      sso_state_invalid:
        'Inloggningen gick ut eller påbörjades inte i den här webbläsaren. Börja om inloggningen.',
      sso_unmapped:
        'Det finns inget användarkonto i tjänsten för ditt stadskonto. Be huvudanvändaren att lägga till dig.',
      sso_refused: 'Det går inte att logga in i tjänsten med det här kontot. Kontakta huvudanvändaren.',
      sso_cancelled:
        'Du avbröt inloggningen i stadens identifieringstjänst. Du kan logga in igen när du vill.',
    },
  },
  en: {
    button: "Log in with the city's account",
    or: 'or',
    cancelledTitle: 'Login cancelled',
    errors: {
      sso_failed: "The answer from the city's identity service could not be accepted. Please try again.",
      sso_state_invalid:
        'The login expired or was not started in this browser. Please start the login again.',
      sso_unmapped:
        'There is no user account in this service for your city account. Ask an administrator to add you.',
      sso_refused: 'This account cannot log in to this service. Please contact an administrator.',
      sso_cancelled:
        "You cancelled the login at the city's identity service. You can log in again when you like.",
    },
  },
};

/**
 * "Log in with the city's account" when the API offers single sign-on, and why a sign-on that came
 * back here (`?sso_error=` in `search`) was refused. Renders nothing otherwise.
 */
export function LoginSso(props: {
  language: string;
  search: string;
  failedLabel: string;
  apiBase: string;
  app: SsoApp;
  /** The page to land on after signing on, a path within the app. */
  returnTo: string;
}) {
  const { apiBase } = props;
  const [offered, setOffered] = useState(false);
  const texts = SSO_TEXTS[props.language as Language] ?? SSO_TEXTS.fi;
  const param = new URLSearchParams(props.search).get('sso_error') ?? '';
  // Every code has its text (login-sso.test.ts), so the table says which codes are known.
  const error = Object.hasOwn(texts.errors, param) ? (param as SsoErrorCode) : null;

  useEffect(() => {
    let live = true;
    // Without an answer the page offers the password form only.
    fetch(`${apiBase}/auth/options`, { headers: { accept: 'application/json' } })
      .then((res) => (res.ok ? (res.json() as Promise<AuthOptions>) : null))
      .then((o) => live && setOffered(!!o?.sso))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [apiBase]);
  // A browser navigation: the API sends it on to the identity provider.
  const start = () =>
    window.location.assign(
      `${apiBase}/auth/oidc/start?${new URLSearchParams({ app: props.app, returnTo: props.returnTo })}`,
    );

  return (
    <>
      {error && (
        <section
          className={error === 'sso_cancelled' ? 'login-sso-error login-sso-cancelled' : 'login-sso-error'}
          aria-label={error === 'sso_cancelled' ? texts.cancelledTitle : props.failedLabel}
        >
          {/* A cancel is the person's own choice: said as such, not as a failure. */}
          <h2>{error === 'sso_cancelled' ? texts.cancelledTitle : props.failedLabel}</h2>
          <p>{texts.errors[error]}</p>
        </section>
      )}
      {offered && (
        <div className="login-sso">
          <button type="button" className="login-sso-button" onClick={start}>
            {texts.button}
          </button>
          <p className="login-or">
            <span>{texts.or}</span>
          </p>
        </div>
      )}
    </>
  );
}
