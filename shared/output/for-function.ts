// The outputter a function's returns print with when --out is not given: state runs
// print as highstate results, everything else nested, as in Salt.
const HIGHSTATE_FUNCTIONS = new Set(['state.apply', 'state.sls', 'state.highstate', 'state.single', 'state.test', 'state.orchestrate']);

export function defaultOutputter(fun: string | string[]): string {
  return typeof fun === 'string' && HIGHSTATE_FUNCTIONS.has(fun) ? 'highstate' : 'nested';
}
