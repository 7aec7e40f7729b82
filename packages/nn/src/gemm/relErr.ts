/** Test helper: max |x − ref| / (1 + max |ref|), the relative error the native-kernel specs bound. */
export const relErr = (x: Float32Array, ref: Float64Array): number => {
  let e = 0;
  let s = 0;
  for (let i = 0; i < ref.length; i++) {
    e = Math.max(e, Math.abs(x[i]! - ref[i]!));
    s = Math.max(s, Math.abs(ref[i]!));
  }
  return e / (1 + s);
};
