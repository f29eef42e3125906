import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { DateField } from '@civic/shared/web/date-field';
import i18n from '../lib/i18n.ts';

function Harness({ initial = '', min, max }: { initial?: string; min?: string; max?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <DateField
        id="day"
        name="day"
        label="Päivä"
        value={value}
        onChange={setValue}
        min={min}
        max={max}
        required
      />
      <output data-testid="iso">{value}</output>
      <button type="button">muu</button>
    </>
  );
}

const renderField = async (lang: string, props: Parameters<typeof Harness>[0] = {}) => {
  await i18n.changeLanguage(lang);
  render(
    <I18nextProvider i18n={i18n}>
      <Harness {...props} />
    </I18nextProvider>,
  );
  return screen.getByLabelText(/Päivä/);
};

describe('DateField', () => {
  it('shows an ISO value in the language, with the format as a hint, and reports what is typed as ISO', async () => {
    const input = await renderField('fi', { initial: '2026-03-05' });
    expect(input).toHaveValue('5.3.2026');
    expect(input).toHaveAttribute('id', 'day');
    expect(input).toHaveAttribute('name', 'day');
    expect(input).toBeRequired();
    expect(input).toHaveAccessibleDescription(/Muoto p\.k\.vvvv/);
    await userEvent.clear(input);
    expect(screen.getByTestId('iso')).toHaveTextContent(/^$/);
    await userEvent.type(input, '29.2.2024');
    expect(screen.getByTestId('iso')).toHaveTextContent('2024-02-29');
  });

  it('reads and writes English day first', async () => {
    const input = await renderField('en', { initial: '2026-03-05' });
    expect(input).toHaveValue('05/03/2026');
    expect(input).toHaveAccessibleDescription(/Format dd\/mm\/yyyy/);
    await userEvent.clear(input);
    await userEvent.type(input, '03/05/2026');
    expect(screen.getByTestId('iso')).toHaveTextContent('2026-05-03');
  });

  it('tells an impossible day on blur, linked to the input, and clears it once corrected', async () => {
    const input = await renderField('sv');
    await userEvent.type(input, '31.4.2026');
    expect(screen.getByTestId('iso')).toHaveTextContent(/^$/);
    expect(screen.queryByText(/Kontrollera datumet/)).toBeNull();
    await userEvent.tab();
    expect(input).toHaveAccessibleDescription(/Kontrollera datumet: skriv det som d\.m\.åååå/);
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect((input as HTMLInputElement).validity.valid).toBe(false);
    await userEvent.clear(input);
    await userEvent.type(input, '30.4.2026');
    expect(screen.queryByText(/Kontrollera datumet/)).toBeNull();
    expect((input as HTMLInputElement).validity.valid).toBe(true);
    expect(screen.getByTestId('iso')).toHaveTextContent('2026-04-30');
  });

  it('tells a day outside min and max on blur, in the language, and still reports it', async () => {
    const input = await renderField('fi', { min: '2026-03-01', max: '2026-03-31' });
    await userEvent.type(input, '1.4.2026');
    await userEvent.tab();
    expect(input).toHaveAccessibleDescription(/Päivä voi olla viimeistään 31\.3\.2026/);
    expect(screen.getByTestId('iso')).toHaveTextContent('2026-04-01');
    await userEvent.clear(input);
    await userEvent.type(input, '28.2.2026');
    await userEvent.tab();
    expect(input).toHaveAccessibleDescription(/Päivä voi olla aikaisintaan 1\.3\.2026/);
  });

  it('moves a date by a day with the arrow keys and tidies the text on blur', async () => {
    const input = await renderField('fi');
    await userEvent.type(input, ' 05.03.2026 ');
    await userEvent.tab();
    expect(input).toHaveValue('5.3.2026');
    await userEvent.click(input);
    await userEvent.keyboard('{ArrowUp}');
    expect(input).toHaveValue('6.3.2026');
    expect(screen.getByTestId('iso')).toHaveTextContent('2026-03-06');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(screen.getByTestId('iso')).toHaveTextContent('2026-03-04');
  });

  it('shows the date a form kept when it ignores an emptied field', async () => {
    await i18n.changeLanguage('fi');
    render(
      <I18nextProvider i18n={i18n}>
        <DateField id="from" label="Alkaen" value="2026-01-01" onChange={() => {}} />
      </I18nextProvider>,
    );
    const input = screen.getByLabelText('Alkaen');
    await userEvent.clear(input);
    await userEvent.tab();
    expect(input).toHaveValue('1.1.2026');
  });

  it('rewrites the text when the language changes', async () => {
    const input = await renderField('fi', { initial: '2026-03-05' });
    await i18n.changeLanguage('en');
    expect(await screen.findByDisplayValue('05/03/2026')).toBe(input);
    await i18n.changeLanguage('fi');
  });
});
