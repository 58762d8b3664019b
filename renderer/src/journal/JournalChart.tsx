/** Mood and symptoms over time, with the days medications were taken marked on the timeline. */
import { useMemo, useState } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { type ChartPoint, type ChartRange, MOOD_SERIES, chartData } from './chart-data';
import { formatDay, utcToDay } from './dates';
import { todayIso } from './entry-model';
import type { OpenedEntry } from './journal-store';
import { useThemeColors } from './useThemeColors';

const RANGES: { id: ChartRange; label: string }[] = [
  { id: 'week', label: 'Week' },
  { id: 'month', label: 'Month' },
  { id: 'year', label: 'Year' },
];

export function JournalChart({ entries }: { entries: readonly OpenedEntry[] }) {
  const [range, setRange] = useState<ChartRange>('month');
  const colors = useThemeColors();
  const data = useMemo(() => chartData(entries, range, todayIso()), [entries, range]);
  const palette = [
    colors['--chart-1'],
    colors['--chart-2'],
    colors['--chart-3'],
    colors['--chart-4'],
    colors['--chart-5'],
    colors['--chart-6'],
  ];
  const withMeds = data.points.filter((p) => p.medications.length > 0);
  const label = (t: number) => formatDay(utcToDay(t), range === 'year' ? { year: '2-digit' } : {});

  return (
    <section aria-labelledby="chart-title" className="journal-chart">
      <h2 id="chart-title">Symptoms and mood over time</h2>
      <div className="tabs" role="tablist" aria-label="Period">
        {RANGES.map((r) => (
          <button
            key={r.id}
            type="button"
            role="tab"
            aria-selected={range === r.id}
            onClick={() => setRange(r.id)}
          >
            {r.label}
          </button>
        ))}
      </div>
      {data.series.length === 0 ? (
        <p className="muted">
          No scores in this period yet. Record mood or symptoms in an entry to see them here.
        </p>
      ) : (
        <div className="journal-chart-box" data-testid="journal-chart">
          <ResponsiveContainer width="100%" height={280}>
            <LineChart data={data.points} margin={{ top: 16, right: 16, bottom: 8, left: -16 }}>
              <CartesianGrid stroke={colors['--border']} strokeDasharray="3 3" />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={['dataMin', 'dataMax']}
                tickFormatter={label}
                stroke={colors['--muted']}
                tick={{ fill: colors['--muted'], fontSize: 12 }}
              />
              <YAxis
                domain={[0, 10]}
                ticks={[0, 2, 4, 6, 8, 10]}
                stroke={colors['--muted']}
                tick={{ fill: colors['--muted'], fontSize: 12 }}
              />
              <Tooltip
                labelFormatter={(t) => label(Number(t))}
                contentStyle={{
                  background: colors['--card'],
                  border: `1px solid ${colors['--border']}`,
                  color: colors['--fg'],
                }}
              />
              <Legend wrapperStyle={{ color: colors['--fg'] }} />
              {withMeds.map((p) => (
                <ReferenceLine
                  key={p.day}
                  x={p.t}
                  stroke={colors['--muted']}
                  strokeDasharray="2 4"
                />
              ))}
              {data.series.map((name, i) => (
                <Line
                  key={name}
                  name={name === MOOD_SERIES ? 'mood' : name}
                  type="monotone"
                  dataKey={(p: ChartPoint) => p.values[name]}
                  stroke={palette[i % palette.length]}
                  strokeWidth={name === MOOD_SERIES ? 3 : 2}
                  dot={{ r: 3 }}
                  connectNulls
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
          <p className="hint">Dashed vertical lines: days you noted taking medication.</p>
        </div>
      )}
      {withMeds.length > 0 && (
        <ul className="journal-med-timeline" aria-label="Medications on the timeline">
          {withMeds.map((p) => (
            <li key={p.day}>
              <strong>{formatDay(p.day)}</strong> {p.medications.join(', ')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
