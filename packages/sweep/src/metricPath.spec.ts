import { describe, expect, it } from 'vitest';
import { readMetric } from './metricPath.js';

describe('readMetric', () => {
  const doc = {
    eig: { value: 3.1, stderr: 0.04 },
    mse: [
      { shots: 3, mean: 0.2 },
      { shots: 3, steps: 1, mean: 0.9 },
      { shots: 10, steps: 1, mean: 0.5 },
    ],
  };
  it('reads dotted fields and array selectors (first element whose fields all match)', () => {
    expect(readMetric(doc, 'eig.value')).toBe(3.1);
    expect(readMetric(doc, 'mse[shots=3].mean')).toBe(0.2);
    expect(readMetric(doc, 'mse[shots=3,steps=1].mean')).toBe(0.9);
    expect(readMetric(doc, 'mse[shots=10].mean')).toBe(0.5);
  });
  it('absent paths and non-numbers give undefined; malformed paths a config error naming the path', () => {
    expect(readMetric(doc, 'eig.missing')).toBeUndefined();
    expect(readMetric(doc, 'mse[shots=20].mean')).toBeUndefined();
    expect(readMetric(doc, 'eig')).toBeUndefined();
    expect(readMetric(doc, 'eig[x=1].value')).toBeUndefined();
    expect(() => readMetric(doc, 'mse[shots=3.mean')).toThrow(/metrics: "mse\[shots=3\.mean"/);
  });
});
