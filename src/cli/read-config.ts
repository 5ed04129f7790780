import { loadConfig } from '../config/load-config.js';
import type { Config } from '../config.js';
import { BeaconError } from '../domain/errors.js';

/** `loadConfig`, with its errors saying that the configuration (the environment) is what is wrong. */
export function readConfig(env: NodeJS.ProcessEnv): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof BeaconError) throw new BeaconError(error.code, `invalid configuration: ${error.message}`, error.issues);
    throw error;
  }
}
