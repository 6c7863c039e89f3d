/** One measured figure of a benchmark, as `npm run bench -- --json` prints it. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** What the figure is compared with, measured in the same run (or a fixed floor), or null. */
  baseline: string | null;
  baselineValue: number | null;
  /** value ÷ baselineValue, or null without a baseline. */
  ratio: number | null;
  /** The target, in words: `ratio <= 1.15`, `value <= 300 ms`. */
  target: string;
  met: boolean;
}

/** A figure compared with a baseline measured in the same run; the target is a ratio ceiling. */
export function ratioFigure(name: string, value: number, unit: string, baseline: string, baselineValue: number, maxRatio: number): Figure {
  const ratio = baselineValue > 0 ? value / baselineValue : Number.POSITIVE_INFINITY;
  return { name, value, unit, baseline, baselineValue, ratio: round(ratio), target: `ratio <= ${maxRatio}`, met: ratio <= maxRatio };
}

/** A figure with an absolute ceiling; its ratio is to that ceiling. */
export function ceilingFigure(name: string, value: number, unit: string, max: number): Figure {
  return { name, value, unit, baseline: `target ${max} ${unit}`, baselineValue: max, ratio: round(value / max), target: `value <= ${max} ${unit}`, met: value <= max };
}

/** A figure that must equal a count (e.g. zero failed calls). */
export function exactFigure(name: string, value: number, unit: string, expected: number): Figure {
  return { name, value, unit, baseline: null, baselineValue: null, ratio: null, target: `value = ${expected}`, met: value === expected };
}

export function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Percentile (0–100) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export type Bench = (options: { quick: boolean }) => Promise<Figure[]>;
