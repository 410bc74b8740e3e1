/**
 * Where a CPU profile's time went: by package (self time), by function (self time), and by function of this
 * repository including what it calls. `npx tsx bench/support/profile-summary.ts api.cpuprofile [rows]`
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

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

const ROOT = relative('/', process.cwd());

function place(url: string): string {
  if (!url) return '(native)';
  const path = url.replace(/^file:\/\//, '');
  const nodeModules = path.lastIndexOf('node_modules/');
  if (nodeModules >= 0) {
    const [scope, name] = path.slice(nodeModules + 'node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  if (path.startsWith('node:')) return 'node';
  const inRepo = path.replace(`/${ROOT}/`, '');
  return inRepo.split('/').slice(0, 2).join('/');
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, '').replace(`/${ROOT}/`, '');
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
}

export function summariseProfile(profile: Profile, rows = 25): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

  const total = [...self.values()].reduce((sum, value) => sum + value, 0);
  const idle = [...self.entries()]
    .filter(([id]) => ['(idle)', '(program)'].includes(byId.get(id)!.callFrame.functionName))
    .reduce((sum, [, value]) => sum + value, 0);
  const bySelf = new Map<string, number>();
  const byPlace = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, time] of self) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') continue;
    bySelf.set(label(node), (bySelf.get(label(node)) ?? 0) + time);
    byPlace.set(place(node.callFrame.url), (byPlace.get(place(node.callFrame.url)) ?? 0) + time);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!;
      const url = frame.callFrame.url;
      if (!url.includes(`/${ROOT}/`) || url.includes('node_modules')) continue;
      const key = label(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + time);
    }
  }
  const busy = total - idle;
  const table = (title: string, entries: Map<string, number>) =>
    [
      `${title} (share of busy time)`,
      ...[...entries.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, rows)
        .map(([key, time]) => `  ${((time / busy) * 100).toFixed(1).padStart(5)}%  ${key}`),
    ].join('\n');
  return [
    `profile: ${(total / 1e6).toFixed(1)} s sampled, ${((busy / total) * 100).toFixed(0)}% busy`,
    table('self time by package', byPlace),
    table('self time by function', bySelf),
    table('time in repository functions, including callees', inclusive),
  ].join('\n\n');
}

if (require.main === module) {
  const [file, rows] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [rows]');
  console.log(summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(rows ?? 25)));
}
