/**
 * The smallest source-map reader the benchmarks need: generated (line, column) → original
 * (source, line, name). Version 3 maps with one `mappings` string (what vite writes).
 */

export interface SourcePosition {
  source: string;
  /** 1-based */
  line: number;
  name?: string;
}

interface RawMap {
  sources: string[];
  names?: string[];
  mappings: string;
  sourceRoot?: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Decodes one segment's base64 VLQ numbers. */
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char);
    if (digit === undefined) throw new Error(`bad source map character ${char}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

export class SourceMap {
  /** per generated line: [column, sourceIndex, originalLine, nameIndex] sorted by column */
  private readonly lines: Array<Array<[number, number, number, number]>> = [];

  constructor(private readonly raw: RawMap) {
    let source = 0;
    let originalLine = 0;
    let originalColumn = 0;
    let name = 0;
    for (const line of raw.mappings.split(';')) {
      const segments: Array<[number, number, number, number]> = [];
      let column = 0;
      for (const text of line.split(',')) {
        if (!text) continue;
        const v = decodeSegment(text);
        column += v[0]!;
        if (v.length >= 4) {
          source += v[1]!;
          originalLine += v[2]!;
          originalColumn += v[3]!;
          if (v.length >= 5) name += v[4]!;
          segments.push([column, source, originalLine, v.length >= 5 ? name : -1]);
        }
      }
      this.lines.push(segments);
    }
    void originalColumn;
  }

  /** line and column 0-based, as in a V8 call frame */
  lookup(line: number, column: number): SourcePosition | undefined {
    const segments = this.lines[line];
    if (!segments || segments.length === 0) return undefined;
    let lo = 0;
    let hi = segments.length - 1;
    if (segments[0]![0] > column) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid]![0] <= column) lo = mid;
      else hi = mid - 1;
    }
    const [, sourceIndex, originalLine, nameIndex] = segments[lo]!;
    const source = `${this.raw.sourceRoot ?? ''}${this.raw.sources[sourceIndex] ?? '?'}`;
    const name = nameIndex >= 0 ? this.raw.names?.[nameIndex] : undefined;
    return { source, line: originalLine + 1, ...(name ? { name } : {}) };
  }
}
