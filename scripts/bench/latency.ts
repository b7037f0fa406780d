/** Latency summaries of the benchmark, from the raw samples the load generator records (ms). */
export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Every turn's latency, and the kind of turn it was (an index into `steps`). */
export interface LatencySamples {
  steps: string[];
  step: number[];
  ms: number[];
}

const round = (x: number): number => Math.round(x * 10) / 10;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summarise(values: readonly number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? 0),
    mean: round(sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1)),
  };
}

/** Collects samples, naming each kind of turn once. */
export class SampleRecorder {
  readonly samples: LatencySamples = { steps: [], step: [], ms: [] };
  private readonly index = new Map<string, number>();

  add(step: string, ms: number): void {
    let at = this.index.get(step);
    if (at === undefined) {
      at = this.samples.steps.push(step) - 1;
      this.index.set(step, at);
    }
    this.samples.step.push(at);
    this.samples.ms.push(ms);
  }
}

/** The samples of several runs as one set. */
export function mergeSamples(parts: readonly LatencySamples[]): LatencySamples {
  const merged = new SampleRecorder();
  for (const part of parts) part.ms.forEach((ms, i) => merged.add(part.steps[part.step[i]], ms));
  return merged.samples;
}

/** All turns, and turns by kind. */
export function summariseSamples(samples: LatencySamples): { all: Latency; byStep: Record<string, Latency> } {
  const byStep = samples.steps.map((): number[] => []);
  samples.ms.forEach((ms, i) => byStep[samples.step[i]].push(ms));
  return { all: summarise(samples.ms), byStep: Object.fromEntries(samples.steps.map((name, i) => [name, summarise(byStep[i])])) };
}
