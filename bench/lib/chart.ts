/**
 * Charts for the benchmark reports: a horizontal bar chart drawn by Vega-Lite and rendered to
 * SVG in Node (no browser, no canvas), written beside the Markdown under bench/results/ so that a
 * report can show it with `![…](name.svg)`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { RESULTS_DIR } from './results';

export interface Bar {
  /** The row's label, e.g. "Kindred (adaptive pages, br)". */
  label: string;
  value: number;
  /** Colours the bar; bars of one series share a colour and a legend entry. */
  series: string;
}

export interface BarChart {
  title: string;
  /** The axis title, with its unit: "MB on the wire". */
  axis: string;
  bars: Bar[];
  /** A vertical rule, e.g. a goal ("goal: 0.5× peer"). */
  rule?: { value: number; label: string };
}

const SERIES_COLOURS: Record<string, string> = {
  Kindred: '#2f6f5e',
  'PouchDB (peer)': '#b5523b',
  floor: '#8a8f98',
};

function specOf(chart: BarChart): TopLevelSpec {
  const series = [...new Set(chart.bars.map((b) => b.series))];
  const bars = {
    mark: { type: 'bar' as const, tooltip: true },
    encoding: {
      y: { field: 'label', type: 'nominal' as const, sort: null, title: null },
      x: { field: 'value', type: 'quantitative' as const, title: chart.axis },
      color: {
        field: 'series',
        type: 'nominal' as const,
        title: null,
        scale: { domain: series, range: series.map((s) => SERIES_COLOURS[s] ?? '#5b6fb5') },
      },
    },
  };
  const labels = {
    mark: { type: 'text' as const, align: 'left' as const, dx: 4, fontSize: 11 },
    encoding: {
      y: { field: 'label', type: 'nominal' as const, sort: null },
      x: { field: 'value', type: 'quantitative' as const },
      text: { field: 'value', type: 'quantitative' as const, format: '.3~r' },
    },
  };
  const layers: TopLevelSpec[] = [bars, labels] as TopLevelSpec[];
  if (chart.rule) {
    layers.push({
      data: { values: [chart.rule] },
      layer: [
        {
          mark: { type: 'rule', strokeDash: [4, 3], color: '#333' },
          encoding: { x: { field: 'value', type: 'quantitative' } },
        },
        {
          mark: { type: 'text', align: 'left', dx: 3, dy: -4, baseline: 'bottom', fontSize: 11 },
          encoding: {
            x: { field: 'value', type: 'quantitative' },
            y: { value: 0 },
            text: { field: 'label' },
          },
        },
      ],
    } as TopLevelSpec);
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: chart.title,
    width: 480,
    background: 'white',
    data: { values: chart.bars },
    layer: layers,
    config: { font: 'sans-serif', axisY: { labelLimit: 320 } },
  } as TopLevelSpec;
}

export async function barChartSvg(chart: BarChart): Promise<string> {
  const view = new vega.View(vega.parse(compile(specOf(chart)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Writes bench/results/<name>.svg and returns the Markdown that shows it. */
export async function writeChart(name: string, chart: BarChart): Promise<string> {
  writeFileSync(join(RESULTS_DIR, `${name}.svg`), await barChartSvg(chart));
  return `![${chart.title}](${name}.svg)`;
}
