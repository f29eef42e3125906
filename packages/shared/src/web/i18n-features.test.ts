// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createI18n, featureStringsFrom } from './i18n.tsx';

const strings = {
  fi: { queue: { title: 'Jono' } },
  sv: { queue: { title: 'Kö' } },
  en: { queue: { title: 'Queue' } },
};
const files = featureStringsFrom({
  '../features/queue/locales/fi.json': async () => ({ default: strings.fi }),
  '../features/queue/locales/sv.json': async () => ({ default: strings.sv }),
  '../features/queue/locales/en.json': async () => ({ default: strings.en }),
  '../features/queue/locales/readme.md': async () => ({ default: {} }),
});

describe("a feature's own strings", () => {
  it('are found by folder name and language', () => {
    expect(Object.keys(files)).toEqual(['queue']);
    expect(Object.keys(files.queue!).sort()).toEqual(['en', 'fi', 'sv']);
  });

  it('load with the page, follow a language change, and fall back to the app and shared strings', async () => {
    localStorage.clear();
    const i18n = createI18n(
      { fi: { care: { title: 'Hoiva' } }, sv: { care: { title: 'Vård' } }, en: {} },
      files,
    );
    await i18n.ready;
    const t = () => i18n.getFixedT(null, 'queue');
    expect(t()('queue.title')).toBe('queue.title');
    await i18n.loadNamespaces('queue');
    expect(t()('queue.title')).toBe('Jono');
    expect(t()('care.title')).toBe('Hoiva');
    expect(t()('roles.admin')).not.toBe('roles.admin');
    await i18n.changeLanguage('sv');
    expect(t()('queue.title')).toBe('Kö');
    expect(t()('care.title')).toBe('Vård');
  });
});
