// Salt's CommandExecutionError: a function could not do what it was asked, with
// the details (errors, partial changes) appended to the message as YAML.
import { dumpYaml } from '../../shared/yaml.js';

export class CommandExecutionError extends Error {
  constructor(message: string, info?: Record<string, unknown>) {
    super(info ? `${message}. Additional info follows:\n\n${dumpYaml(info)}` : message);
    this.name = 'CommandExecutionError';
  }
}
