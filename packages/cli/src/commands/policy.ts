import { Command } from 'commander';
import type { CliIo } from '../CliIo.js';
import { makePolicyEvaluateCommand } from './policy/evaluate.js';
import { makePolicyInferCommand } from './policy/infer.js';
import { makePolicyNextCommand } from './policy/next.js';
import { makePolicyTrainCommand } from './policy/train.js';

/** `infobed policy train|evaluate|next`: adaptive design policies (docs/adaptive.md). */
export function makePolicyCommand(io: CliIo): Command {
  return new Command('policy')
    .description('adaptive design: train a policy, evaluate it, ask it for the next design')
    .addCommand(makePolicyTrainCommand(io))
    .addCommand(makePolicyEvaluateCommand(io))
    .addCommand(makePolicyNextCommand(io))
    .addCommand(makePolicyInferCommand(io));
}
