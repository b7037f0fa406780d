import { z } from 'zod/v4';
import { REASON_CODES } from '../../domain/reasons';

/** Who an appointment is for, as stored: the fields an appointment and a closure's rebooking offer share. */
export const bookedPersonSchema = z.object({
  officeCode: z.string(),
  reason: z.enum(REASON_CODES),
  name: z.string(),
  dobVerifier: z.string(),
  phone: z.string(),
  language: z.string(),
  personKey: z.string(),
});
