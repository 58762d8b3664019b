/**
 * Where the time of a publish goes, from a Chromium trace of the device benchmark's traced
 * publishes (bench/device.ts). Each publish is marked (performance.mark `<label>:start` on the
 * page just before the click on 'Send reply', `<label>:persisted` in the benchmark's worker when
 * it read the reply back from IndexedDB); within those windows this sums up
 * - the renderer main thread's CPU samples (V8's sampling profiler in the trace): JavaScript by
 *   original source file and function (through the bundle's source map), garbage collection,
 *   "(program)" (the engine's own native work: style, layout, paint, IPC, IndexedDB calls) and
 *   idle (the main thread waiting: for IndexedDB's backend in the browser process, timers);
 * - the trace events on the main thread (tasks, timers, event dispatch, microtasks, layout);
 * - IndexedDB's own events wherever they run (the backend lives outside the renderer).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve as resolvePath } from 'node:path';
import type { PublishTiming } from './device-page';
import { type Cell, markdownTable } from './results';
import { SourceMap } from './source-map';

export const TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'blink.user_timing',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
  'IndexedDB',
];

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** thread (CPU) time of a complete event, µs */
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    data?: {
      startTime?: number;
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
  };
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: {
    functionName: string;
    url: string;
    lineNumber: number;
    columnNumber: number;
  };
}

export interface TraceReport {
  summary: string;
  markdown: string;
  json: unknown;
}

interface PublishWindow {
  label: string;
  start: number;
  end: number;
}

interface Sample {
  profile: string;
  node: number;
  ts: number;
  /** µs until the next sample (at most 2 ms: a longer gap is the profiler's, not this frame's) */
  dt: number;
}

const add = (map: Map<string, number>, key: string, value: number) =>
  map.set(key, (map.get(key) ?? 0) + value);

const SPECIAL = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

/**
 * A readable place for a bundle position: the original file (relative to the repository,
 * node_modules/ left out) and the function's name and line. `appDir`: where the build is.
 */
function resolver(urls: Iterable<string>, appDir: string) {
  const maps = new Map<string, SourceMap | null>();
  const fileOf = (url: string) => join(appDir, new URL(url).pathname);
  for (const url of urls) {
    if (!/^https?:/.test(url)) continue;
    try {
      maps.set(url, new SourceMap(JSON.parse(readFileSync(`${fileOf(url)}.map`, 'utf8'))));
    } catch {
      maps.set(url, null);
    }
  }
  return (frame: ProfileNode['callFrame']) => {
    if (!frame.url) return { file: '(native code)', fn: frame.functionName || '(anonymous)' };
    const found = maps.get(frame.url)?.lookup(frame.lineNumber, frame.columnNumber);
    if (!found) return { file: frame.url.replace(/^.*\//, ''), fn: frame.functionName || '(anon)' };
    // Sources are relative to the map, which sits beside the script in the build's folder.
    const file = relative(
      process.cwd(),
      resolvePath(fileOf(frame.url), '..', found.source),
    ).replace(/^.*node_modules\//, '');
    return { file, fn: `${found.name ?? (frame.functionName || '(anonymous)')}:${found.line}` };
  };
}

const overlap = (a0: number, a1: number, b0: number, b1: number) =>
  Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

/** The library or app area a source file belongs to (for inclusive time). */
function areaOf(file: string): string {
  if (file.startsWith('renderer/') || file.startsWith('shared/')) {
    return file.split('/').slice(0, 3).join('/');
  }
  const parts = file.split('/');
  if (parts[0] === 'rxdb') return parts.slice(0, parts[2] === 'plugins' ? 4 : 3).join('/');
  return parts[0]!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

export async function analyzePublishTrace(
  buffer: Buffer,
  timings: PublishTiming[],
  saveDir: string,
  appDir: string,
): Promise<TraceReport> {
  writeFileSync(join(saveDir, 'publish-trace.json'), buffer);
  const parsed = JSON.parse(buffer.toString('utf8')) as
    { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;

  // The publish windows, from the marks, and the thread they were made on (the main thread).
  const marks = events.filter(
    (e) => e.cat.includes('blink.user_timing') && e.name.startsWith('kindred-bench:traced:'),
  );
  const at = new Map(marks.map((e) => [e.name, e]));
  const windows: PublishWindow[] = [];
  for (const e of marks) {
    if (!e.name.endsWith(':start')) continue;
    const label = e.name.slice(0, -':start'.length);
    const end = at.get(`${label}:persisted`);
    if (end) windows.push({ label, start: e.ts, end: end.ts });
  }
  if (windows.length === 0) throw new Error('no publish marks in the trace');
  // The clicks are on the page's main thread (the persisted marks come from the worker).
  const main = marks.find((e) => e.name.endsWith(':start'))!;
  const onMain = (e: TraceEvent) => e.pid === main.pid && e.tid === main.tid;
  const inWindows = (t0: number, t1: number) =>
    windows.reduce((sum, w) => sum + overlap(t0, t1, w.start, w.end), 0);
  const windowTotal = windows.reduce((sum, w) => sum + (w.end - w.start), 0);

  // --- CPU samples of the main thread
  const profileIds = new Set(
    events
      .filter((e) => e.name === 'Profile' && e.pid === main.pid && e.tid === main.tid)
      .map((e) => e.id),
  );
  const nodes = new Map<string, Map<number, ProfileNode>>();
  const samples: Sample[] = [];
  const starts = new Map(
    events.filter((e) => e.name === 'Profile').map((e) => [e.id, e.args?.data?.startTime ?? e.ts]),
  );
  const clock = new Map<string, number>();
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !profileIds.has(e.id)) continue;
    const id = e.id!;
    const byId = nodes.get(id) ?? new Map<number, ProfileNode>();
    nodes.set(id, byId);
    for (const node of e.args?.data?.cpuProfile?.nodes ?? []) byId.set(node.id, node);
    const ids = e.args?.data?.cpuProfile?.samples ?? [];
    const deltas = e.args?.data?.timeDeltas ?? [];
    let t = clock.get(id) ?? starts.get(id) ?? e.ts;
    ids.forEach((node, i) => {
      t += deltas[i] ?? 0;
      samples.push({ profile: id, node, ts: t, dt: 0 });
    });
    clock.set(id, t);
  }
  samples.sort((a, b) => a.ts - b.ts);
  for (let i = 0; i < samples.length; i += 1) {
    samples[i]!.dt = Math.min(2_000, (samples[i + 1]?.ts ?? samples[i]!.ts) - samples[i]!.ts);
  }
  const urls = new Set<string>();
  for (const byId of nodes.values()) for (const n of byId.values()) urls.add(n.callFrame.url);
  const resolve = resolver(urls, appDir);

  /** What a sample was doing: a kind, and for JavaScript the function, file and areas. */
  const classify = (s: Sample) => {
    const byId = nodes.get(s.profile)!;
    const leaf = byId.get(s.node);
    const name = leaf?.callFrame.functionName ?? '(root)';
    if (!leaf || SPECIAL.has(name)) {
      return { kind: name === '(garbage collector)' ? 'garbage collection' : name };
    }
    const place = resolve(leaf.callFrame);
    const areas = new Set<string>();
    for (let n: ProfileNode | undefined = leaf; n; n = n.parent ? byId.get(n.parent) : undefined) {
      if (n.callFrame.url) areas.add(areaOf(resolve(n.callFrame).file));
    }
    return { kind: 'JavaScript', fn: `${place.fn} (${place.file})`, file: place.file, areas };
  };

  const kinds = new Map<string, number>(); // idle / program / gc / JavaScript
  const selfByFn = new Map<string, number>();
  const selfByFile = new Map<string, number>();
  const inclusiveByArea = new Map<string, number>();
  let sampled = 0;
  for (const s of samples) {
    const inside = inWindows(s.ts, s.ts + s.dt);
    if (inside <= 0) continue;
    sampled += inside;
    const what = classify(s);
    add(kinds, what.kind, inside);
    if (what.fn === undefined) continue;
    add(selfByFn, what.fn, inside);
    add(selfByFile, what.file, inside);
    for (const area of what.areas) add(inclusiveByArea, area, inside);
  }
  const unsampled = Math.max(0, windowTotal - sampled);
  if (unsampled > 0) add(kinds, '(no sample: profiler gap)', unsampled);

  // --- trace events on the main thread, and IndexedDB's anywhere
  const mainEvents = new Map<string, number>();
  const idbEvents = new Map<string, number>();
  const tasks: TraceEvent[] = [];
  let busy = 0;
  let busyCpu = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const inside = inWindows(e.ts, e.ts + e.dur);
    if (inside <= 0) continue;
    if (onMain(e)) {
      if (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') {
        busy += inside;
        busyCpu += e.dur > 0 && e.tdur !== undefined ? (e.tdur * inside) / e.dur : inside;
        tasks.push(e);
      } else if (e.cat.includes('devtools.timeline') || e.cat.includes('v8.execute'))
        add(mainEvents, e.name, inside);
    }
    if (e.cat.includes('IndexedDB')) add(idbEvents, e.name, inside);
  }

  // --- the slowest windows one by one: their longest main-thread tasks and what ran in them
  const slowest = [...windows].sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, 3);
  const slowRows: Cell[][] = [];
  for (const w of slowest) {
    const longTasks = tasks
      .filter((t) => overlap(t.ts, t.ts + t.dur!, w.start, w.end) >= 1_000)
      .sort((a, b) => b.dur! - a.dur!)
      .slice(0, 3);
    const described = longTasks.map((task) => {
      const t0 = Math.max(task.ts, w.start);
      const t1 = Math.min(task.ts + task.dur!, w.end);
      const byArea = new Map<string, number>();
      for (const s of samples) {
        const inside = overlap(s.ts, s.ts + s.dt, t0, t1);
        if (inside <= 0) continue;
        const what = classify(s);
        if (what.fn === undefined) add(byArea, what.kind, inside);
        else for (const area of what.areas) add(byArea, area, inside);
      }
      const parts = [...byArea]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([area, us]) => `${area} ${(us / 1000).toFixed(1)}`);
      const onCpu = task.tdur === undefined ? t1 - t0 : (task.tdur * (t1 - t0)) / task.dur!;
      return `${((t1 - t0) / 1000).toFixed(1)} ms of a task at +${((t0 - w.start) / 1000).toFixed(1)} ms, ${(onCpu / 1000).toFixed(1)} ms of it on a CPU (${parts.join(', ')})`;
    });
    // IndexedDB's backend (browser process): its longest operations within the window.
    const backend = events
      .filter(
        (e) =>
          e.ph === 'X' &&
          e.cat.includes('IndexedDB') &&
          !(e.pid === main.pid) &&
          /Operation$|Commit|RunTasks$/.test(e.name) &&
          overlap(e.ts, e.ts + (e.dur ?? 0), w.start, w.end) >= 1_000,
      )
      .sort((a, b) => b.dur! - a.dur!)
      .slice(0, 2)
      .map(
        (e) =>
          `${e.name} ${(e.dur! / 1000).toFixed(1)} ms at +${((e.ts - w.start) / 1000).toFixed(1)} ms` +
          (e.tdur === undefined ? '' : `, ${(e.tdur / 1000).toFixed(1)} ms on a CPU`),
      );
    slowRows.push([
      `${((w.end - w.start) / 1000).toFixed(1)} ms`,
      described.join('; ') || 'no task of 1 ms or more',
      backend.join('; ') || 'none of 1 ms or more',
    ]);
  }

  const n = windows.length;
  const perPublish = (us: number) => `${(us / 1000 / n).toFixed(2)} ms`;
  const share = (us: number) => `${((100 * us) / windowTotal).toFixed(0)}%`;
  const top = (map: Map<string, number>, count: number): Cell[][] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key, us]) => [key, perPublish(us), share(us)]);
  const persisted = timings.map((t) => t.persistedMs).sort((a, b) => a - b);
  const tracedMedian = persisted.length ? persisted[Math.floor((persisted.length - 1) / 2)]! : 0;

  const kindRows = top(kinds, 10);
  const fnRows = top(selfByFn, 15);
  const fileRows = top(selfByFile, 12);
  const areaRows = top(inclusiveByArea, 12);
  const eventRows = top(mainEvents, 12);
  const idbRows = top(idbEvents, 10);
  const cols = ['per publish', 'share of click → persisted'];
  const markdown = `## Where the time goes (traced)

${n} more replies sent the same way under a Chromium trace (the V8 sampling profiler on, which
slows JavaScript down somewhat): click → persisted ${tracedMedian.toFixed(1)} ms median while
traced, ${(windowTotal / 1000 / n).toFixed(2)} ms on average between the marks. The page's main
thread ran tasks for ${share(busy)} of that time (${perPublish(busy)} a publish), and was on a CPU
for ${share(busyCpu)} (${perPublish(busyCpu)}: the task's thread time); the difference is time its
tasks waited for a core (descheduled: the machine's 2 cores are shared with the sync server,
the browser's other threads and other work) or blocked. Its CPU samples within the windows:

${markdownTable(['what', ...cols], kindRows)}

"(program)" is the engine's native work outside JavaScript (event dispatch, style and layout,
IndexedDB requests and their answers, messages); "(idle)" is the main thread waiting.

JavaScript by function (self time; original source through the bundle's source map):

${markdownTable(['function (file)', ...cols], fnRows)}

By file (self time):

${markdownTable(['file', ...cols], fileRows)}

By area, inclusive (time with this area anywhere on the stack):

${markdownTable(['area', ...cols], areaRows)}

Main-thread trace events within the windows (nested events counted in each):

${markdownTable(['event', ...cols], eventRows)}

IndexedDB's events within the windows (the backend runs in the browser process):

${idbRows.length > 0 ? markdownTable(['event', ...cols], idbRows) : 'none recorded'}

The slowest traced publishes, with their longest main-thread tasks inside the window (wall time,
thread time, and the milliseconds of samples per area, inclusive, in each):

${markdownTable(['click → persisted', 'longest main-thread tasks', 'longest IndexedDB backend operations'], slowRows)}`;

  const summary = [
    `Traced publishes: ${n}, average click → persisted ${(windowTotal / 1000 / n).toFixed(2)} ms, main thread in tasks ${share(busy)}, on a CPU ${share(busyCpu)}`,
    ...kindRows.map((r) => `  ${r.join('  ')}`),
    'Top functions (self):',
    ...fnRows.slice(0, 10).map((r) => `  ${r.join('  ')}`),
    'Areas (inclusive):',
    ...areaRows.slice(0, 10).map((r) => `  ${r.join('  ')}`),
    'IndexedDB events:',
    ...idbRows.slice(0, 6).map((r) => `  ${r.join('  ')}`),
    'Slowest:',
    ...slowRows.map((r) => `  ${r.join('  ')}`),
  ].join('\n');
  const asJson = (rows: Cell[][]) =>
    rows.map(([what, per, pct]) => ({ what, perPublish: per, share: pct }));
  return {
    summary,
    markdown,
    json: {
      publishes: n,
      averageWindowMs: windowTotal / 1000 / n,
      mainThreadBusyShare: busy / windowTotal,
      mainThreadOnCpuShare: busyCpu / windowTotal,
      timings,
      samples: asJson(kindRows),
      functions: asJson(fnRows),
      files: asJson(fileRows),
      areas: asJson(areaRows),
      mainThreadEvents: asJson(eventRows),
      indexedDbEvents: asJson(idbRows),
      slowest: slowRows.map(([ms, tasks, backend]) => ({
        clickToPersisted: ms,
        longestTasks: tasks,
        longestBackendOperations: backend,
      })),
    },
  };
}
