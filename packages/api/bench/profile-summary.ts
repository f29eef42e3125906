import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: an npm package, a file of ours, Node itself, or V8's own work. */
function origin(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return url;
  const ours = /\/packages\/([^/]+)\/(.*)$/.exec(url);
  return ours ? `${ours[1]}/${ours[2]}` : url;
}

/**
 * Prints the hottest frames (self time) of a `.cpuprofile` (or the busiest one in a folder), and self time summed
 * by where the code lives, so time spent in a library's frames is charged to that library.
 */
export function summariseProfile(dir: string, top = 30) {
  // tsx's loader thread writes a profile of its own: take the busiest one (the main thread).
  const files = dir.endsWith('.cpuprofile')
    ? [dir]
    : readdirSync(dir)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => path.join(dir, f));
  const profiles = files
    .map((file) => {
      const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
      const self = new Map<number, number>();
      profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
      const idle = profile.nodes.find((n) => n.callFrame.functionName === '(idle)');
      const total = [...self.values()].reduce((a, b) => a + b, 0);
      return { file, profile, self, total, busy: total - (idle ? (self.get(idle.id) ?? 0) : 0) };
    })
    .sort((a, b) => b.busy - a.busy || statSync(b.file).mtimeMs - statSync(a.file).mtimeMs);
  if (!profiles.length) return console.log(`No .cpuprofile in ${dir}`);
  const { file, profile, self, total, busy } = profiles[0]!;
  const byFrame = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0;
    if (!t) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = origin(url, functionName);
    const frame = `${functionName || '(anonymous)'}  ${where}${url ? `:${lineNumber + 1}` : ''}`;
    byFrame.set(frame, (byFrame.get(frame) ?? 0) + t);
    byOrigin.set(where, (byOrigin.get(where) ?? 0) + t);
  }
  const print = (title: string, m: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`${((100 * t) / total).toFixed(1).padStart(6)} %  ${k}`);
  };
  console.log(
    `\nProfile ${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (shares below are of all samples)`,
  );
  print('Hottest frames (self time):', byFrame);
  print('Self time by where the code lives:', byOrigin);
}

if (import.meta.url === `file://${process.argv[1]}`)
  summariseProfile(process.argv[2] ?? '.', Number(process.argv[3] ?? 30));
