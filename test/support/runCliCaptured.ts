/** The CLI's own in-process runner, re-exported for the repository-level tests. */
export { runCliCaptured, type CapturedRun as Captured } from '@infobed/cli';
