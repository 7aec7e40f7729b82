import { stringify } from 'yaml';

export interface K8sOptions {
  /** Job name (DNS label). */
  readonly name: string;
  /** Container image with the repository installed at /app (see docs/sweeps.md). */
  readonly image: string;
  readonly cells: number;
  /** Pods at a time. */
  readonly parallelism: number;
  /** Where the sweep folder is mounted in the pod (the same path `infobed sweep` wrote it to). */
  readonly sweepDir: string;
  /** PersistentVolumeClaim holding the sweep folder (ReadWriteMany). */
  readonly claim: string;
  /** Attempts per index (`backoffLimitPerIndex` + 1). */
  readonly attempts: number;
  readonly cpu: number;
}

/**
 * A Kubernetes Indexed Job: one completion index per cell; each pod runs
 * `infobed sweep --resume <sweepDir> --cell $JOB_COMPLETION_INDEX`, i.e. exactly the same cell runner
 * as the local and Redis executors, writing `cells/<id>/` on the shared volume. A failed pod is
 * retried per index (`backoffLimitPerIndex`); `infobed collect <sweepDir>` then builds the table.
 */
export function k8sIndexedJob(o: K8sOptions): string {
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: o.name, labels: { app: 'infobed-sweep' } },
    spec: {
      completionMode: 'Indexed',
      completions: o.cells,
      parallelism: o.parallelism,
      backoffLimitPerIndex: Math.max(0, o.attempts - 1),
      maxFailedIndexes: o.cells,
      template: {
        metadata: { labels: { app: 'infobed-sweep' } },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'cell',
              image: o.image,
              workingDir: '/app',
              command: ['sh', '-c', `npx -y pnpm@10.34.9 infobed sweep --resume '${o.sweepDir.replace(/'/g, `'\\''`)}' --cell "$JOB_COMPLETION_INDEX"`],
              env: [{ name: 'INFOBED_GEMM_THREADS', value: String(o.cpu) }],
              resources: { requests: { cpu: String(o.cpu), memory: '2Gi' }, limits: { cpu: String(o.cpu), memory: '4Gi' } },
              volumeMounts: [{ name: 'sweep', mountPath: o.sweepDir }],
            },
          ],
          volumes: [{ name: 'sweep', persistentVolumeClaim: { claimName: o.claim } }],
        },
      },
    },
  };
  return `# infobed sweep: ${o.cells} cells as a Kubernetes Indexed Job (docs/sweeps.md). kubectl apply -f job.yaml\n${stringify(job)}`;
}
