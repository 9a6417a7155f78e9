import { SwError, type SwErrorOptions } from '../../errors.js';

/** A delivery failure worth retrying. */
export function transient(message: string, options: SwErrorOptions = {}): SwError {
  return new SwError('DELIVERY_TRANSIENT', message, options);
}

/** A delivery failure that retrying cannot fix. */
export function permanent(message: string, options: SwErrorOptions = {}): SwError {
  return new SwError('DELIVERY_PERMANENT', message, options);
}
