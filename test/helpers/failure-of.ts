import { BeaconError } from '../../src/domain/errors.js';

/** The BeaconError `promise` rejects with; a resolution, or any other error, fails the test. */
export const failureOf = (promise: Promise<unknown>): Promise<BeaconError> =>
  promise.then(
    () => {
      throw new Error('expected a BeaconError');
    },
    (error: unknown) => {
      if (error instanceof BeaconError) return error;
      throw error;
    },
  );
