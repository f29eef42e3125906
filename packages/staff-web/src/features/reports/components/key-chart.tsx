import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { KeyAgreementState } from '@civic/shared/key-agreement';
import { GroupBarChart } from './group-bar-chart.tsx';
import { KEY_STATE_COLOURS } from './key-colours.ts';

/**
 * Agreements by state, stacked per group; the same counts are in the table after it. Months and
 * seasons run left to right; other groups (sites, associations) are horizontal bars, each with its
 * name beside it.
 */
export function KeyChart({
  points,
  states,
  label,
  timeline,
}: {
  points: ({ label: string } & Partial<Record<KeyAgreementState, number>>)[];
  states: { state: KeyAgreementState; name: string }[];
  label: string;
  timeline: boolean;
}) {
  const bars = states.map(({ state, name }) => (
    <Bar
      key={state}
      dataKey={state}
      name={name}
      stackId="states"
      fill={KEY_STATE_COLOURS[state]}
      // A white seam between the stacked states, so neighbours stay apart.
      stroke="#ffffff"
      strokeWidth={1}
      isAnimationActive={false}
    />
  ));
  // Series colours mark the bars; the names stay in the text colour, readable on white.
  const legend = <Legend formatter={(name: string) => <span style={{ color: '#1a1a1a' }}>{name}</span>} />;
  if (timeline) {
    return (
      <div className="report-chart" role="img" aria-label={label}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={points}
            margin={{ top: 8, right: 24, bottom: 8, left: 0 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" minTickGap={8} tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip />
            {legend}
            {bars}
          </BarChart>
        </ResponsiveContainer>
      </div>
    );
  }
  return (
    // The legend takes up to four lines on a phone below the bars.
    <GroupBarChart points={points} label={label} valueAxis={{ allowDecimals: false }} extraHeight={96}>
      <Tooltip />
      {legend}
      {bars}
    </GroupBarChart>
  );
}
