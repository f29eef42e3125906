import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

export interface ChartPoint {
  label: string;
  /** Null where the figure is suppressed or has no data: a gap, not a zero. */
  value: number | null;
}

/**
 * One figure across groups (bars) or months (a line). Loaded on its own (React.lazy), so the
 * charting library is fetched only when a chart is shown. The figures are in the table that
 * follows, so the chart is one image with a label for screen readers.
 */
export function FigureChart({
  points,
  kind,
  label,
  format,
}: {
  points: ChartPoint[];
  kind: 'bar' | 'line';
  label: string;
  format: (value: number) => string;
}) {
  const tooltip = (value: unknown) => (typeof value === 'number' ? format(value) : '–');
  return (
    <div className="report-chart" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        {kind === 'bar' ? (
          <BarChart
            data={points}
            margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="label"
              interval={0}
              angle={points.length > 6 ? -30 : 0}
              textAnchor={points.length > 6 ? 'end' : 'middle'}
              height={points.length > 6 ? 80 : 30}
              tick={{ fontSize: 12 }}
            />
            <YAxis tickFormatter={(v: number) => format(v)} width={80} tick={{ fontSize: 12 }} />
            <Tooltip formatter={tooltip} />
            <Bar dataKey="value" fill="#0000bf" isAnimationActive={false} />
          </BarChart>
        ) : (
          <LineChart
            data={points}
            margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" minTickGap={16} tick={{ fontSize: 12 }} />
            <YAxis tickFormatter={(v: number) => format(v)} width={80} tick={{ fontSize: 12 }} />
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
        )}
      </ResponsiveContainer>
    </div>
  );
}
