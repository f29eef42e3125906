import { Bar, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { GroupBarChart } from './group-bar-chart.tsx';

export interface ChartPoint {
  label: string;
  /** Null where the figure is suppressed or has no data: a gap, not a zero. */
  value: number | null;
}

/**
 * One figure across groups (horizontal bars, each group's name beside its bar) or months (a
 * line). Loaded on its own (React.lazy), so the charting library is fetched only when a chart is
 * shown. The figures are in the table that follows, so the chart is one image with a label for
 * screen readers.
 */
export function FigureChart({
  points,
  kind,
  label,
  format,
  tick,
}: {
  points: ChartPoint[];
  kind: 'bar' | 'line';
  label: string;
  /** A value as the tooltip writes it. */
  format: (value: number) => string;
  /** A value axis tick (whole numbers read better there: `75 %`, not `75,0 %`). */
  tick: (value: number) => string;
}) {
  const tooltip = (value: unknown) => (typeof value === 'number' ? format(value) : '–');
  if (kind === 'bar') {
    return (
      <GroupBarChart points={points} label={label} valueAxis={{ tickFormatter: tick }}>
        <Tooltip formatter={tooltip} />
        <Bar dataKey="value" fill="#0000bf" isAnimationActive={false} />
      </GroupBarChart>
    );
  }
  return (
    <div className="report-chart" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={points}
          margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" minTickGap={16} tick={{ fontSize: 12 }} />
          <YAxis tickFormatter={tick} width={80} tick={{ fontSize: 12 }} />
          <Tooltip formatter={tooltip} />
          <Line
            type="monotone"
            dataKey="value"
            stroke="#0000bf"
            strokeWidth={2}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
