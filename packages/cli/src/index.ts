export { makeProgram, runCli } from './program.js';
export { processIo, type CliIo } from './CliIo.js';
export { FIRST_PARTY_PLUGINS } from './firstParty.js';
export { StderrProgress, type ProgressMode } from './StderrProgress.js';
export { runCliCaptured, type CapturedRun } from './captureCli.js';
