// Python string formatting: printf-style `'%s' % x` and str.format() with format specs.
import { TemplateFailure, typeError, defined } from './failure.js';
import { str, repr, floatRepr } from './print.js';
import { PyFloat, Tuple, isDict, isFloat, typeName, hasOwn } from './values.js';

function toNumber(value: unknown, spec: string): number {
  if (typeof value === 'number') return value;
  if (value instanceof PyFloat) return value.value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  throw typeError(`%${spec} format: a real number is required, not ${typeName(value)}`);
}

function exponential(value: number, precision: number): string {
  const [mantissa, exponent] = value.toExponential(precision).split('e');
  const power = Number(exponent);
  return `${mantissa}e${power < 0 ? '-' : '+'}${String(Math.abs(power)).padStart(2, '0')}`;
}

/** %g / {:g}: shortest of fixed and exponent notation, trailing zeros dropped. */
function general(value: number, precision: number, keepZeros: boolean): string {
  const p = precision === 0 ? 1 : precision;
  if (value === 0) return '0';
  const power = Math.floor(Math.log10(Math.abs(value)));
  const body = power < -4 || power >= p ? exponential(value, p - 1) : value.toFixed(Math.max(0, p - 1 - power));
  if (keepZeros) return body;
  return body.replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1');
}

/** A number in one of Python's presentation types (d, f, e, g, x, o, b, %). */
function formatNumber(value: unknown, type: string, precision: number | undefined, alternate: boolean): string {
  const n = toNumber(value, type);
  switch (type) {
    case 'd':
    case 'i':
    case 'u':
      return String(Math.trunc(n));
    case 'f':
    case 'F':
      return n.toFixed(precision ?? 6);
    case 'e':
    case 'E': {
      const out = exponential(n, precision ?? 6);
      return type === 'E' ? out.toUpperCase() : out;
    }
    case 'g':
    case 'G': {
      const out = general(n, precision ?? 6, alternate);
      return type === 'G' ? out.toUpperCase() : out;
    }
    case 'x':
    case 'X': {
      const out = (alternate ? '0x' : '') + Math.trunc(n).toString(16);
      return type === 'X' ? out.toUpperCase() : out;
    }
    case 'o':
      return (alternate ? '0o' : '') + Math.trunc(n).toString(8);
    case 'b':
      return (alternate ? '0b' : '') + Math.trunc(n).toString(2);
    case '%':
      return `${(n * 100).toFixed(precision ?? 6)}%`;
    default:
      throw new TemplateFailure(`ValueError: unsupported format character '${type}'`);
  }
}

function withSign(body: string, sign: string): string {
  if (body.startsWith('-')) return body;
  return sign === '+' ? `+${body}` : sign === ' ' ? ` ${body}` : body;
}

function pad(body: string, width: number, align: string, fill: string): string {
  if (body.length >= width) return body;
  const gap = width - body.length;
  if (align === '<') return body + fill.repeat(gap);
  if (align === '^') return fill.repeat(Math.floor(gap / 2)) + body + fill.repeat(Math.ceil(gap / 2));
  if (align === '=') {
    const sign = /^[-+ ]/.test(body) ? body[0] : '';
    return sign + fill.repeat(gap) + body.slice(sign.length);
  }
  return fill.repeat(gap) + body;
}

const PRINTF = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g;

/** `template % args`: args is one value, a tuple/list of values, or a dict for %(name)s. */
export function printf(template: string, args: unknown): string {
  const values = args instanceof Tuple ? [...args] : [args];
  const mapping = isDict(args) ? args : undefined;
  let next = 0;
  const take = (): unknown => {
    if (next >= values.length) throw typeError('not enough arguments for format string');
    return values[next++];
  };
  const out = template.replace(PRINTF, (_match, key: string | undefined, flags: string, width?: string, precision?: string, type?: string) => {
    if (type === '%') return '%';
    let value: unknown;
    if (key !== undefined) {
      if (!mapping || !hasOwn(mapping, key)) throw new TemplateFailure(`KeyError: ${repr(key)}`);
      value = mapping[key];
    }
    const w = width === '*' ? Number(take()) : width ? Number(width) : 0;
    const p = precision === '*' ? Number(take()) : precision !== undefined ? Number(precision) : undefined;
    if (key === undefined) value = take();
    defined(value);
    let body: string;
    if (type === 's') body = p === undefined ? str(value) : str(value).slice(0, p);
    else if (type === 'r' || type === 'a') body = repr(value);
    else if (type === 'c') body = typeof value === 'string' ? value : String.fromCodePoint(toNumber(value, 'c'));
    else body = withSign(formatNumber(value, type as string, p, flags.includes('#')), flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '');
    const zeroPad = flags.includes('0') && !flags.includes('-') && type !== 's' && type !== 'r';
    return pad(body, w, flags.includes('-') ? '<' : zeroPad ? '=' : '>', zeroPad ? '0' : ' ');
  });
  if (!mapping && next < values.length) {
    throw typeError('not all arguments converted during string formatting');
  }
  return out;
}

const SPEC = /^(?:(.)?([<>=^]))?([-+ ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/;

/** One replacement field's format spec, as in format(value, spec). */
function formatSpec(value: unknown, spec: string): string {
  const match = SPEC.exec(spec);
  if (!match) throw new TemplateFailure(`ValueError: invalid format specifier '${spec}'`);
  const [, fillChar, alignChar, sign = '-', alternate, zero, width, grouping, precisionText, type] = match;
  const precision = precisionText === undefined ? undefined : Number(precisionText);
  const numeric = typeof value === 'number' || value instanceof PyFloat || typeof value === 'boolean';
  let body: string;
  if (type === 's' || (!type && !numeric)) {
    body = precision === undefined ? str(value) : str(value).slice(0, precision);
  } else if (!type) {
    body = isFloat(value) && precision === undefined ? floatRepr(Number(value)) : formatNumber(value, isFloat(value) ? 'g' : 'd', precision, false);
  } else {
    body = formatNumber(value, type === 'n' ? 'g' : type, precision, !!alternate);
  }
  if (grouping) body = body.replace(/^(-?)(\d+)/, (_m, s: string, digits: string) => s + digits.replace(/\B(?=(\d{3})+(?!\d))/g, grouping));
  if (numeric || (type && type !== 's')) body = withSign(body, sign);
  const align = alignChar ?? (zero ? '=' : numeric ? '>' : '<');
  return pad(body, width ? Number(width) : 0, align, fillChar ?? (zero && !alignChar ? '0' : ' '));
}

/** str.format(*args, **kwargs). Field names may index into values: {0[key]} or {0.attr}. */
export function strFormat(
  template: string,
  args: unknown[],
  kwargs: Record<string, unknown>,
  getItem: (target: unknown, key: string) => unknown,
): string {
  let auto = 0;
  return template.replace(/\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g, (match, field: string | undefined, conversion?: string, spec?: string) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    const [head, ...path] = (field ?? '').split(/(?=[.[])/);
    let value: unknown;
    if (head === '') value = args[auto++];
    else if (/^\d+$/.test(head)) value = args[Number(head)];
    else if (hasOwn(kwargs, head)) value = kwargs[head];
    else throw new TemplateFailure(`KeyError: ${repr(head)}`);
    if (value === undefined && !(head !== '' && !/^\d+$/.test(head))) throw new TemplateFailure('IndexError: Replacement index out of range for positional args tuple');
    for (const step of path) value = getItem(value, step.startsWith('[') ? step.slice(1, -1) : step.slice(1));
    const converted = conversion === 'r' || conversion === 'a' ? repr(value) : conversion === 's' ? str(value) : value;
    return spec ? formatSpec(converted, spec) : str(converted);
  });
}
