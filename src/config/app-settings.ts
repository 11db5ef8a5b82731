import type { AppSettings } from '../ir/types';
import type { AppConfig, VoxtraConfig } from './config-types';

/** The settings a snapshot of `app` carries, resolved from the config. */
export function appSettings(config: VoxtraConfig, app: AppConfig): AppSettings {
  return {
    queuesContext: app.queuesContext,
    calendars: config.calendars,
    maxStepsPerCall: config.runtime.maxStepsPerCall,
    maxCallDepth: config.runtime.maxCallDepth,
    ...(config.httpServices ? { httpServices: config.httpServices } : {}),
  };
}
