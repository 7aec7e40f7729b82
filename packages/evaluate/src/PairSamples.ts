/**
 * n paired draws (x_i, y_i) of a joint distribution, row-major float32: in design problems x = θ
 * (`[n, p]`) and y = the data or the flattened history (`[n, m]`).
 */
export interface PairSamples {
  readonly n: number;
  readonly xDim: number;
  readonly yDim: number;
  /** `[n × xDim]` row-major. */
  readonly x: Float32Array;
  /** `[n × yDim]` row-major. */
  readonly y: Float32Array;
}
