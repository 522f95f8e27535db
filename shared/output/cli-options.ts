// The output options every CLI that prints returns shares: --out, --no-color and Salt's
// --state-output / --state-verbose for state runs.
import { Option, type Command } from 'commander';
import type { OutputOptions } from './outputter.js';
import { outputterNames } from './index.js';

export interface OutputFlags {
  out?: string;
  color: boolean;
  stateOutput?: string;
  stateVerbose?: string;
}

export function addOutputOptions(program: Command, outHelp: string): Command {
  return program
    .addOption(new Option('--out <outputter>', outHelp).choices(outputterNames()))
    .option('--no-color', 'never colour the output')
    .addOption(new Option('--state-output <style>', 'how state results print (default: the state_output config option)').choices(['full', 'terse', 'mixed', 'changes']))
    .addOption(new Option('--state-verbose <bool>', 'False hides states that succeeded without changes').choices(['True', 'False', 'true', 'false']));
}

/** What the outputter gets; `color` only where a terminal will show it. */
export function outputOptions(flags: OutputFlags, config: { state_output?: string }, color: boolean): OutputOptions {
  return {
    color: flags.color && color,
    stateOutput: flags.stateOutput ?? config.state_output,
    stateVerbose: flags.stateVerbose === undefined ? undefined : flags.stateVerbose.toLowerCase() === 'true',
  };
}
