import type { Rng } from '@infobed/core';

/** Amplitude range of the sine family `A ~ U[0.1, 5]` (cbfinn/maml; specs/meta-learning.md §1). */
export const SINE_AMPLITUDE = [0.1, 5] as const;
/** Phase range `φ ~ U[0, π]`. */
export const SINE_PHASE = [0, Math.PI] as const;
/** Input range `x ~ U[−5, 5]`. */
export const SINE_X = [-5, 5] as const;

/** Closed-form MSE of the zero predictor: `E[A²]·E[sin²(x − φ)] = (5³ − 0.1³)/(3·4.9)·½ ≈ 4.2517`. */
export const ZERO_PREDICTOR_MSE = ((SINE_AMPLITUDE[1] ** 3 - SINE_AMPLITUDE[0] ** 3) / (3 * (SINE_AMPLITUDE[1] - SINE_AMPLITUDE[0]))) * 0.5;

/**
 * `T` tasks with `n` points each, row-major: task `t` owns entries `[t·n, (t+1)·n)` of `x` and `y`.
 * `y = A_t·sin(x − φ_t) + σ·ε` (σ = `noiseStd`, default 0: noise-free as in cbfinn/maml).
 */
export interface SineEpisode {
  readonly tasks: number;
  readonly points: number;
  /** `[T]` amplitudes. */
  readonly amplitude: Float64Array;
  /** `[T]` phases. */
  readonly phase: Float64Array;
  /** `[T·n]` inputs. */
  readonly x: Float32Array;
  /** `[T·n]` observed outputs. */
  readonly y: Float32Array;
}

/** The noise-free target `A·sin(x − φ)`. */
export const sineValue = (amplitude: number, phase: number, x: number): number => amplitude * Math.sin(x - phase);

/**
 * Draws `tasks` sine tasks and `points` inputs per task from `rng` (tasks first, then the inputs
 * of each task in order, so the draw is reproducible for a given stream).
 */
export function sampleSineEpisode(rng: Rng, tasks: number, points: number, noiseStd = 0): SineEpisode {
  const amplitude = new Float64Array(tasks);
  const phase = new Float64Array(tasks);
  const x = new Float32Array(tasks * points);
  const y = new Float32Array(tasks * points);
  for (let t = 0; t < tasks; t++) {
    amplitude[t] = rng.uniformIn(SINE_AMPLITUDE[0], SINE_AMPLITUDE[1]);
    phase[t] = rng.uniformIn(SINE_PHASE[0], SINE_PHASE[1]);
    for (let i = 0; i < points; i++) {
      const xi = rng.uniformIn(SINE_X[0], SINE_X[1]);
      x[t * points + i] = xi;
      y[t * points + i] = sineValue(amplitude[t]!, phase[t]!, xi) + (noiseStd > 0 ? noiseStd * rng.normal() : 0);
    }
  }
  return { tasks, points, amplitude, phase, x, y };
}

/** Points `[from, from + count)` of every task of `e`, as a new episode over the same tasks. */
export function slicePoints(e: SineEpisode, from: number, count: number): SineEpisode {
  const x = new Float32Array(e.tasks * count);
  const y = new Float32Array(e.tasks * count);
  for (let t = 0; t < e.tasks; t++) {
    x.set(e.x.subarray(t * e.points + from, t * e.points + from + count), t * count);
    y.set(e.y.subarray(t * e.points + from, t * e.points + from + count), t * count);
  }
  return { tasks: e.tasks, points: count, amplitude: e.amplitude, phase: e.phase, x, y };
}

/** A training episode: the first `support` points of each task are the support set, the rest the query set. */
export interface SupportQuery {
  readonly support: SineEpisode;
  readonly query: SineEpisode;
}

/** Draws `tasks` tasks with `support + query` points and splits them (cbfinn: 2K points drawn, split). */
export function sampleSupportQuery(rng: Rng, tasks: number, support: number, query: number, noiseStd = 0): SupportQuery {
  const e = sampleSineEpisode(rng, tasks, support + query, noiseStd);
  return { support: slicePoints(e, 0, support), query: slicePoints(e, support, query) };
}
