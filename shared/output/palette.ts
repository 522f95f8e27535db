// Salt's TextFormat codes as the outputters use them: each colour starts with a reset
// (0;), ENDC is `0;0`. Without colour every code is empty.
const ANSI = {
  green: '\x1b[0;32m',
  cyan: '\x1b[0;36m',
  red: '\x1b[0;31m',
  lightRed: '\x1b[0;1;31m',
  lightYellow: '\x1b[0;1;33m',
  end: '\x1b[0;0m',
};

export type Palette = typeof ANSI;

const NO_COLOR: Palette = { green: '', cyan: '', red: '', lightRed: '', lightYellow: '', end: '' };

export function palette(color: boolean): Palette {
  return color ? ANSI : NO_COLOR;
}
