import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { CapacityHistoryEntry } from '@civic/shared/care';
import { formatDate } from '@civic/shared/web/page';

/**
 * Places and occupancy over time for one service type. The same numbers are in the table next to
 * it, so the chart is decoration for screen readers (aria-hidden) and the table is the content.
 */
export function CapacityChart({ history }: { history: CapacityHistoryEntry[] }) {
  const { t, i18n } = useTranslation();
  const points = [...history].reverse().map((h) => ({
    at: formatDate(h.at, i18n.language),
    max: h.maxCapacity,
    occupied: h.occupied,
    vacant: h.vacantAccepting,
  }));
  return (
    <div className="chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={260}>
        <LineChart
          data={points}
          margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="at" minTickGap={24} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Line type="stepAfter" dataKey="max" name={t('care.places')} stroke="#1a1a1a" dot={false} />
          <Line type="stepAfter" dataKey="occupied" name={t('care.occupied')} stroke="#0000bf" dot={false} />
          <Line type="stepAfter" dataKey="vacant" name={t('care.vacant')} stroke="#00805a" dot={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
