import type Twilio from 'twilio';
import { lazily } from '../../domain/lazily';

/** The twilio package loads on the first SMS (~20 ms), not at start-up: most first replies are not SMS. */
export const twilioLibrary = lazily(() => require('twilio') as typeof Twilio);
