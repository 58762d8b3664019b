/**
 * `npm run bench`: the sync benchmark (bench/first-sync.ts), then every other benchmark script
 * that package.json has (bench:store, bench:search, bench:load, bench:streams, bench:device), each as a child
 * process. A benchmark that fails is reported and the others still run; the exit code is 1 if
 * any failed.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const OTHERS = ['bench:store', 'bench:search', 'bench:load', 'bench:streams', 'bench:device'];
const scripts = (
  JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
).scripts;

const steps: { name: string; command: string; args: string[] }[] = [
  { name: 'first-sync', command: 'npx', args: ['tsx', 'bench/first-sync.ts'] },
  ...OTHERS.filter((s) => scripts[s]).map((s) => ({ name: s, command: 'npm', args: ['run', s] })),
];

const summary: { benchmark: string; result: string; seconds: string }[] = [];
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const started = performance.now();
  const run = spawnSync(step.command, step.args, { stdio: 'inherit', timeout: 30 * 60_000 });
  const ok = run.status === 0;
  const why = run.error ? run.error.message : `exit ${run.status ?? run.signal}`;
  summary.push({
    benchmark: step.name,
    result: ok ? 'ok' : `FAILED (${why})`,
    seconds: ((performance.now() - started) / 1000).toFixed(1),
  });
}
for (const missing of OTHERS.filter((s) => !scripts[s])) {
  summary.push({ benchmark: missing, result: 'not present', seconds: '—' });
}
console.log('\nBenchmarks (figures in bench/results/):');
console.table(summary);
process.exit(summary.some((s) => s.result.startsWith('FAILED')) ? 1 : 0);
