import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { API, loginResponse, me, server } from '@civic/shared/web/testing';
import type { Role } from '@civic/shared/roles';
import { careFigures } from '@civic/shared/care-figures-reference';
import type { CareGrouping } from '@civic/shared/care-figures';
import { FIXTURE, FIXTURE_QUERY } from '@civic/shared/testing/care-figures-fixture';
import { renderApp } from '../../../testing/test-utils.tsx';

// The charts are recharts (drawn in the browser, see e2e/reports.e2e.ts); these tests look at what
// the page asks a chart to draw, and at the tables.
type ChartProps = {
  kind: 'bar' | 'line';
  points: { label: string; value: number | null }[];
  format: (v: number) => string;
  tick: (v: number) => string;
};
const charts = vi.hoisted(() => [] as ChartProps[]);
vi.mock('../../../features/reports/components/figure-chart.tsx', () => ({
  FigureChart: (props: ChartProps) => {
    charts.push(props);
    return null;
  },
}));
vi.mock('../../../features/reports/components/key-chart.tsx', () => ({ KeyChart: () => null }));

function signIn(roles: Role[]) {
  server.use(http.post(`${API}/auth/refresh`, () => HttpResponse.json(loginResponse(me({ roles })))));
}

/** The API answered by the shared reference over the hand-computed fixture. */
function careApi() {
  const asked: URLSearchParams[] = [];
  server.use(
    http.get(`${API}/care/lists/service-types`, () => HttpResponse.json([])),
    http.get(`${API}/care/providers`, () =>
      HttpResponse.json({ items: [], page: 1, pageSize: 200, total: 0 }),
    ),
    http.get(`${API}/care/units`, () =>
      HttpResponse.json({
        items: [{ district: 'Kallio' }, { district: 'Malmi' }],
        page: 1,
        pageSize: 200,
        total: 2,
      }),
    ),
    http.get(`${API}/reports/care/figures`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      asked.push(params);
      const groupBy = (params.get('groupBy') ?? 'total') as CareGrouping;
      const result = careFigures(FIXTURE, {
        ...FIXTURE_QUERY,
        groupBy,
        providerKind: (params.get('providerKind') as 'own' | 'purchased' | null) ?? undefined,
        district: params.getAll('district'),
      });
      const label = (key: string) => ({ key, label: key });
      return HttpResponse.json({
        ...FIXTURE_QUERY,
        groupBy,
        rows: result.rows.map((r) => ({ ...r, ...label(r.key) })),
        total: { ...result.total, label: 'total' },
      });
    }),
  );
  return asked;
}

describe('reports', () => {
  it('shows each figure with its definition, in Finnish numbers, small groups suppressed', async () => {
    signIn(['care_viewer']);
    careApi();
    renderApp('/reports/care?from=2026-03-01&to=2026-04-30');
    expect(
      await screen.findByRole('heading', { name: 'Hoivapaikkojen johdon luvut', level: 1 }),
    ).toBeInTheDocument();
    const card = (await screen.findByRole('heading', { name: 'Käyttöaste', level: 4 })).closest('li')!;
    expect(within(card).getByText('92,8 %')).toBeInTheDocument();
    expect(within(card).getByText(/Käytössä olleet paikkapäivät \/ paikkapäivät/)).toBeInTheDocument();
    const overdue = screen.getByRole('heading', { name: 'Määräaika ylittynyt', level: 4 }).closest('li')!;
    expect(within(overdue).getByText('suojattu')).toBeInTheDocument();
    expect(within(overdue).getByText('Alle 5 asiakasta: luku on suojattu.')).toBeInTheDocument();
    const cost = screen.getByRole('heading', { name: 'Odotuksen kustannus', level: 4 }).closest('li')!;
    expect(within(cost).getByText('160 620,00 €')).toBeInTheDocument();
    // The default split is own against purchased, in the tables.
    const places = screen.getByRole('table', { name: 'Paikat' });
    expect(within(places).getByRole('row', { name: /Kaupungin oma 88,4\s%/ })).toBeInTheDocument();
    expect(
      within(places).getByRole('row', { name: /Koko valinta 92,8\s% 133\spv 13,5\spv/ }),
    ).toBeInTheDocument();
  });

  it('keeps the filters in the address and asks the API for exactly them', async () => {
    signIn(['care_coordinator']);
    const asked = careApi();
    const { router } = renderApp('/reports/care?from=2026-03-01&to=2026-04-30');
    await screen.findByRole('heading', { name: 'Käyttöaste', level: 4 });
    await userEvent.selectOptions(screen.getByLabelText('Tuotantotapa'), 'purchased');
    await userEvent.selectOptions(await screen.findByLabelText('Kaupunginosa'), 'Kallio');
    await waitFor(() => expect(router.state.location.search).toContain('district=Kallio'));
    expect(router.state.location.search).toContain('providerKind=purchased');
    await waitFor(() =>
      expect(asked.some((p) => p.get('providerKind') === 'purchased' && p.get('district') === 'Kallio')).toBe(
        true,
      ),
    );
    // The queue as a whole has no place: the page says why those figures are missing.
    expect(await screen.findByText(/Koko jonoa koskevilla luvuilla/)).toBeInTheDocument();
  });

  it('exports the table with the same filters as CSV or XLSX', async () => {
    signIn(['care_viewer']);
    careApi();
    const exported: URLSearchParams[] = [];
    server.use(
      http.get(`${API}/reports/care/figures/export`, ({ request }) => {
        exported.push(new URL(request.url).searchParams);
        return new HttpResponse('x', {
          headers: { 'content-disposition': 'attachment; filename="care-figures.xlsx"' },
        });
      }),
    );
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    renderApp('/reports/care?from=2026-03-01&to=2026-04-30&providerKind=purchased');
    const group = await screen.findByRole('group', {
      name: 'Lataa taulukko: Kaikki luvut: Oma ja ostopalvelu',
    });
    await userEvent.click(within(group).getByRole('button', { name: 'Lataa Excel (XLSX)' }));
    await waitFor(() => expect(exported).toHaveLength(1));
    expect(Object.fromEntries(exported[0]!)).toMatchObject({
      from: '2026-03-01',
      to: '2026-04-30',
      providerKind: 'purchased',
      groupBy: 'providerKind',
      format: 'xlsx',
      lang: 'fi',
    });
  });

  it('offers each role its own reports', async () => {
    signIn(['key_coordinator']);
    renderApp('/reports');
    expect(await screen.findByRole('link', { name: 'Avainsopimusten luvut' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Hoivapaikkojen johdon luvut' })).not.toBeInTheDocument();
  });

  it('shows the half-year publication by service type', async () => {
    signIn(['care_viewer']);
    const result = careFigures(FIXTURE, {
      ...FIXTURE_QUERY,
      from: '2026-01-01',
      to: '2026-06-30',
      asOf: '2026-07-15',
      groupBy: 'serviceType',
    });
    server.use(
      http.get(`${API}/reports/care/waiting-times`, () =>
        HttpResponse.json({
          year: 2026,
          half: 1,
          from: '2026-01-01',
          to: '2026-06-30',
          asOf: '2026-07-15',
          rows: result.rows.map((r) => ({
            ...r,
            label: r.key,
            names: { fi: 'Palveluasuminen', sv: 'x', en: 'x' },
          })),
          total: { ...result.total, label: 'total' },
        }),
      ),
    );
    renderApp('/reports/waiting-times?year=2026&half=1');
    const table = await screen.findByRole('table', { name: /Odotusajat/ });
    // The table has a heading of its own under the page's, as the definitions after it have.
    expect(screen.getByRole('heading', { name: 'Odotusajat palveluittain', level: 2 })).toBeInTheDocument();
    expect(screen.getByRole('search', { name: 'Rajaukset' })).toBeInTheDocument();
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual([
      'Palvelu',
      'Sijoitetut',
      'Odotus päätöksestä, keskiarvo',
      'Odotus päätöksestä, mediaani',
      'Odotus päätöksestä, 90. persentiili',
      'Sijoitettu määräajassa',
      'Jonossa',
      'Määräaika ylittynyt',
    ]);
    expect(within(table).getByRole('row', { name: /^Koko valinta 9 / })).toBeInTheDocument();
  });
  it('writes percentages with a fixed decimal in tables and the chart tooltip, whole ones on its axis', async () => {
    signIn(['care_viewer']);
    careApi();
    charts.length = 0;
    renderApp('/reports/care?from=2026-03-01&to=2026-04-30&groupBy=month');
    await screen.findByRole('heading', { name: 'Käyttöaste', level: 4 });
    await waitFor(() => expect(charts.some((c) => c.kind === 'line')).toBe(true));
    const line = charts.find((c) => c.kind === 'line')!;
    expect(line.format(97)).toMatch(/^97,0\s%$/);
    expect(line.tick(75)).toMatch(/^75\s%$/);
    // Months keep their year on the same line: "maalis 2026", joined by a no-break space.
    expect(line.points.map((p) => p.label)).toContain('maalis\u00a02026');
    const months = screen.getByRole('table', { name: /Käyttöaste kuukausittain/ });
    expect(within(months).getByRole('rowheader', { name: 'huhti\u00a02026' })).toBeInTheDocument();
  });

  it('draws groups as bars by name, and leaves more than a chart can hold to the table', async () => {
    signIn(['care_viewer']);
    const total = careFigures(FIXTURE, { ...FIXTURE_QUERY, groupBy: 'total' }).total;
    const units = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ ...total, key: `unit-${i}`, label: `Yksikkö ${i + 1}` }));
    let count = 3;
    careApi();
    server.use(
      http.get(`${API}/reports/care/figures`, ({ request }) => {
        const groupBy = new URL(request.url).searchParams.get('groupBy');
        const rows = groupBy === 'unit' ? units(count) : [];
        return HttpResponse.json({
          ...FIXTURE_QUERY,
          groupBy,
          rows,
          total: { ...total, key: 'total', label: 'total' },
        });
      }),
    );
    charts.length = 0;
    const first = renderApp('/reports/care?from=2026-03-01&to=2026-04-30&groupBy=unit');
    await screen.findByRole('table', { name: /Käyttöaste ryhmittäin/ });
    await waitFor(() => expect(charts.some((c) => c.kind === 'bar')).toBe(true));
    expect(charts.find((c) => c.kind === 'bar')!.points.map((p) => p.label)).toEqual([
      'Yksikkö 1',
      'Yksikkö 2',
      'Yksikkö 3',
    ]);
    first.unmount();

    count = 31;
    charts.length = 0;
    renderApp('/reports/care?from=2026-03-01&to=2026-04-30&groupBy=unit');
    expect(
      await screen.findByText(/Kaaviossa on tilaa enintään 30 ryhmälle, tässä jaottelussa niitä on 31/),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: /Käyttöaste ryhmittäin/ });
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 31 + 1);
    expect(charts.some((c) => c.kind === 'bar')).toBe(false);
  });

  it('says so instead of drawing an empty chart when the selection has no values', async () => {
    signIn(['care_viewer']);
    const total = careFigures(FIXTURE, { ...FIXTURE_QUERY, groupBy: 'total' }).total;
    const none = { status: 'no_data', value: null, n: 0 };
    const empty = {
      ...total,
      figures: Object.fromEntries(Object.keys(total.figures).map((f) => [f, none])),
    };
    careApi();
    server.use(
      http.get(`${API}/reports/care/figures`, ({ request }) => {
        const groupBy = new URL(request.url).searchParams.get('groupBy');
        const rows = groupBy === 'month' ? [{ ...empty, key: '2020-01', label: '2020-01' }] : [];
        return HttpResponse.json({ ...FIXTURE_QUERY, groupBy, rows, total: { ...empty, label: 'total' } });
      }),
    );
    charts.length = 0;
    renderApp('/reports/care?from=2020-01-01&to=2020-01-31&groupBy=unit');
    await screen.findByRole('table', { name: /Käyttöaste kuukausittain/ });
    // Neither the split (no groups) nor the months (no values) is drawn as an empty frame.
    expect(
      screen.getAllByText('Valinnassa ei ole tälle luvulle arvoja, joten kaaviota ei piirretä.'),
    ).toHaveLength(2);
    expect(charts).toEqual([]);
  });
});
