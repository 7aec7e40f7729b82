import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { k8sIndexedJob } from './k8sManifest.js';
import { redisOptions } from './redisQueue.js';

describe('Kubernetes Indexed Job', () => {
  it('one completion index per cell; each pod runs its cell by JOB_COMPLETION_INDEX on the shared sweep volume', () => {
    const doc = parse(k8sIndexedJob({ name: 'infobed-sweep-x', image: 'reg/infobed:1', cells: 12, parallelism: 4, sweepDir: '/sweeps/x', claim: 'pvc', attempts: 3, cpu: 1 })) as {
      kind: string;
      spec: { completionMode: string; completions: number; parallelism: number; backoffLimitPerIndex: number; template: { spec: { restartPolicy: string; containers: { image: string; command: string[]; volumeMounts: { mountPath: string }[] }[]; volumes: { persistentVolumeClaim: { claimName: string } }[] } } };
    };
    expect(doc.kind).toBe('Job');
    expect(doc.spec.completionMode).toBe('Indexed');
    expect(doc.spec.completions).toBe(12);
    expect(doc.spec.parallelism).toBe(4);
    expect(doc.spec.backoffLimitPerIndex).toBe(2);
    const pod = doc.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.containers[0]!.image).toBe('reg/infobed:1');
    expect(pod.containers[0]!.command.join(' ')).toContain(`infobed sweep --resume '/sweeps/x' --cell "$JOB_COMPLETION_INDEX"`);
    expect(pod.containers[0]!.volumeMounts[0]!.mountPath).toBe('/sweeps/x');
    expect(pod.volumes[0]!.persistentVolumeClaim.claimName).toBe('pvc');
  });
});

describe('redisOptions', () => {
  it('parses host, port, db and credentials; rejects other schemes with the flag name', () => {
    expect(redisOptions('redis://localhost:6380/2')).toMatchObject({ host: 'localhost', port: 6380, db: 2, maxRetriesPerRequest: null });
    expect(redisOptions('redis://u:p%40ss@h')).toMatchObject({ host: 'h', port: 6379, db: 0, username: 'u', password: 'p@ss' });
    expect(() => redisOptions('http://x')).toThrow(/--redis: expected a redis:\/\/ URL/);
    expect(() => redisOptions('nonsense')).toThrow(/--redis/);
  });
});
