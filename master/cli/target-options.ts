// salt-ts's target flags, Salt's: at most one picks how the target is read.
import type { Command } from 'commander';
import { SaltTsError } from '../../shared/errors.js';
import type { TargetType } from '../../shared/targeting/types.js';

const FLAGS: Array<[flag: string, key: string, type: TargetType, help: string]> = [
  ['-E, --pcre', 'pcre', 'pcre', 'a regular expression on minion ids'],
  ['-L, --list', 'list', 'list', 'a comma-separated list of minion ids'],
  ['-G, --grain', 'grain', 'grain', "a grain glob: 'key:value', nested keys with ':'"],
  ['-P, --grain-pcre', 'grainPcre', 'grain_pcre', "a grain regular expression: 'key:regex'"],
  ['-N, --nodegroup', 'nodegroup', 'nodegroup', 'a nodegroup from the master config'],
  ['-C, --compound', 'compound', 'compound', "a compound target: 'G@roles:web and not web2'"],
  ['-I, --pillar', 'pillar', 'pillar', "a pillar glob: 'key:value'"],
  ['-J, --pillar-pcre', 'pillarPcre', 'pillar_pcre', "a pillar regular expression: 'key:regex'"],
  ['-S, --ipcidr', 'ipcidr', 'ipcidr', 'a subnet or address: minions with an address in it'],
];

export function addTargetOptions(program: Command): Command {
  for (const [flag, , , help] of FLAGS) program.option(flag, `the target is ${help}`);
  return program;
}

/** The target type the flags chose (glob when none). */
export function chosenTargetType(opts: Record<string, unknown>): TargetType {
  const chosen = FLAGS.filter(([, key]) => opts[key]);
  if (chosen.length > 1) {
    throw new SaltTsError('SALTTS_BAD_ARGUMENT', `only one target flag may be given, got ${chosen.map(([flag]) => flag.split(',')[0]).join(' and ')}`);
  }
  return chosen[0]?.[2] ?? 'glob';
}
