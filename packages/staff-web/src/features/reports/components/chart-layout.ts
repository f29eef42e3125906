/**
 * Groups (units, providers, sites) are drawn as horizontal bars, one row each, with the group's name
 * beside its bar: names of any length stay readable on a phone, where upright bars had room for a
 * few overlapping or dropped labels. A chart has room for this many groups; more (the city has
 * over a hundred units) go to the table only, with a note saying so.
 */
export const MAX_CHART_GROUPS = 30;

const ROW_PX = 36;
const AXIS_PX = 40;

/** The height of a chart of `groups` horizontal bars (or stacks of bars). */
export function barChartHeight(groups: number): number {
  return Math.max(120, groups * ROW_PX + AXIS_PX);
}

/** Room for the groups' names beside the bars: the longest name, within a third-ish of a phone. */
export function categoryAxisWidth(labels: readonly string[]): number {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  return Math.min(150, Math.max(60, Math.round(longest * 7.5) + 20));
}
