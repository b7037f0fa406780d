import type Twilio from 'twilio';

let library: typeof Twilio | undefined;

/** The twilio package loads on the first SMS (~20 ms), not at start-up: most first replies are not SMS. */
export function twilioLibrary(): typeof Twilio {
  library ??= require('twilio') as typeof Twilio;
  return library;
}
