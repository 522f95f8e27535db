// What the service module needs from an init system; systemd and sysvinit each provide it.

export type ServiceAction = 'start' | 'stop' | 'restart' | 'reload';

export interface ServiceBackend {
  /** Runs the action; true when it worked (a back end may throw with the init system's message instead, as Salt's does). */
  control(name: string, action: ServiceAction): Promise<boolean>;
  /** Whether the service is running now. */
  isRunning(name: string): Promise<boolean>;
  /** Makes the service start at boot. */
  enable(name: string): Promise<boolean>;
  /** Stops the service starting at boot. */
  disable(name: string): Promise<boolean>;
  /** Whether the service starts at boot. */
  isEnabled(name: string): Promise<boolean>;
  /** Whether the init system knows the service. */
  isAvailable(name: string): Promise<boolean>;
  /** Every service the init system knows, sorted. */
  all(): Promise<string[]>;
}
