// Salt's `quiet` outputter: the job runs, nothing is printed.
import type { Outputter } from './outputter.js';

export const quietOutputter: Outputter = {
  name: 'quiet',
  format(): string {
    return '';
  },
};
