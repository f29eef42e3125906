import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { KeyAgreementState } from '@civic/shared/key-agreement';

const COLOURS: Record<KeyAgreementState, string> = {
  draft: '#999999',
  awaiting_signature: '#ffc61e',
  active: '#0000bf',
  partially_returned: '#9fc9eb',
  returned: '#00805a',
  cancelled: '#b01038',
  declined: '#bd2719',
  expired: '#666666',
};

/** Agreements by state, stacked per group; the same counts are in the table after it. */
export function KeyChart({
  points,
  states,
  label,
}: {
  points: ({ label: string } & Partial<Record<KeyAgreementState, number>>)[];
  states: { state: KeyAgreementState; name: string }[];
  label: string;
}) {
  return (
    <div className="report-chart" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Tooltip />
          {/* Series colours mark the bars; the names stay in the text colour, readable on white. */}
          <Legend formatter={(name: string) => <span style={{ color: '#1a1a1a' }}>{name}</span>} />
          {states.map(({ state, name }) => (
            <Bar
              key={state}
              dataKey={state}
              name={name}
              stackId="states"
              fill={COLOURS[state]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
