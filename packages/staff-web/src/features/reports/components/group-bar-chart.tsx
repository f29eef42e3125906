import type { ReactNode } from 'react';
import { BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { barChartHeight, categoryAxisWidth } from './chart-layout.ts';

/**
 * Groups (units, providers, sites, associations) as horizontal bars, each group's name beside its
 * bar, the chart as tall as its groups need: the one layout of every group chart of the reports.
 * `children` are the bars, tooltip and legend; `valueAxis` the value axis's own props.
 */
export function GroupBarChart({
  points,
  label,
  valueAxis,
  extraHeight = 0,
  children,
}: {
  points: { label: string }[];
  label: string;
  valueAxis: { allowDecimals?: boolean; tickFormatter?: (value: number) => string };
  /** Room beyond the bars, e.g. for a legend below them. */
  extraHeight?: number;
  children: ReactNode;
}) {
  return (
    <div
      className="report-chart report-chart-bars"
      role="img"
      aria-label={label}
      data-groups={points.length}
      style={{ height: barChartHeight(points.length) + extraHeight }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={points}
          layout="vertical"
          margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" {...valueAxis} tick={{ fontSize: 12 }} />
          <YAxis
            type="category"
            dataKey="label"
            className="category-axis"
            interval={0}
            width={categoryAxisWidth(points.map((p) => p.label))}
            tick={{ fontSize: 12 }}
          />
          {children}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
