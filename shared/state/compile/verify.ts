// Structure checks on merged high data (Salt's verify_high), worded as Salt words them.
import { pyRepr } from '../../output/pyrepr.js';
import { firstKey, isDict, type HighData } from './high.js';
import { isRequisiteKind } from '../requisites.js';

function checkRequisiteList(kind: string, reqs: unknown, id: string, sls: string, errors: string[]): void {
  if (!Array.isArray(reqs)) {
    errors.push(`The ${kind} statement in state '${id}' in SLS '${sls}' needs to be formed as a list`);
    return;
  }
  for (const entry of reqs) {
    const req = typeof entry === 'string' ? { id: entry } : entry;
    if (!isDict(req) || Object.keys(req).length !== 1) {
      errors.push(`Requisite declaration ${pyRepr(req)} in state ${id} in SLS ${sls} is not formed as a single key dictionary`);
      continue;
    }
    const [type, target] = Object.entries(req)[0]!;
    if (type.includes('.')) {
      errors.push(
        `Invalid requisite type '${type}' in state '${id}', in SLS '${sls}'. ` +
          `Requisite types must not contain dots, did you mean '${type.slice(0, type.indexOf('.'))}'?`,
      );
    }
    if (typeof target === 'object' && target !== null) {
      errors.push(`Illegal requisite "${pyRepr(target)}" in SLS "${sls}", please check your syntax.`);
    }
  }
}

function checkDeclaration(id: string, module: string, args: unknown[], sls: string, errors: string[]): void {
  const funs = module.includes('.') ? [module.slice(module.indexOf('.') + 1)] : [];
  for (const arg of args) {
    if (typeof arg === 'string') {
      funs.push(arg);
      if (arg.trim().includes(' ')) {
        errors.push(
          `The function "${arg}" in state "${id}" in SLS "${sls}" has whitespace, a function with whitespace is ` +
            'not supported, perhaps this is an argument that is missing a ":"',
        );
      }
      continue;
    }
    if (!isDict(arg)) continue;
    const key = firstKey(arg);
    if (key === 'names' && !Array.isArray(arg.names)) {
      errors.push(`The 'names' argument in state '${id}' in SLS '${sls}' needs to be formed as a list`);
    }
    if (key !== undefined && isRequisiteKind(key)) {
      checkRequisiteList(key, arg[key], id, sls, errors);
      if (Object.keys(arg).length !== 1) errors.push(`Multiple dictionaries defined in argument of state '${id}' in SLS '${sls}'`);
    }
  }
  if (funs.length === 0) errors.push(`No function declared in state '${id}' in SLS '${sls}'`);
  else if (funs.length > 1) {
    errors.push(`Too many functions declared in state '${id}' in SLS '${sls}'. Please choose one of the following: ${funs.join(', ')}`);
  }
}

export function verifyHigh(high: HighData): string[] {
  const errors: string[] = [];
  for (const [id, body] of Object.entries(high)) {
    if (id.startsWith('__')) continue;
    if (!isDict(body)) {
      errors.push(`The type ${id} in ${pyRepr(body)} is not formatted as a dictionary`);
      continue;
    }
    const sls = String(body.__sls__);
    for (const [module, args] of Object.entries(body)) {
      if (module.startsWith('__')) continue;
      if (args === null) {
        errors.push(
          `ID '${id}' in SLS '${sls}' contains a short declaration (${module}) with a trailing colon. ` +
            'When not passing any arguments to a state, the colon must be omitted.',
        );
      } else if (!Array.isArray(args)) errors.push(`State '${id}' in SLS '${sls}' is not formed as a list`);
      else checkDeclaration(id, module, args, sls, errors);
    }
  }
  return errors;
}
