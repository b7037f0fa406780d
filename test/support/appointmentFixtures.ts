import type { NewAppointment } from '../../src/domain/appointments/types';

/** A well-formed booking request for a made-up person; stores never look inside the verifier. */
export function appointmentRequest(person: string, slotStart: string, overrides: Partial<NewAppointment> = {}): NewAppointment {
  return {
    officeCode: 'NYC',
    slotStart,
    reason: 'pending_case',
    name: `Person ${person}`,
    dobVerifier: 's1$c2FsdA==$aGFzaA==',
    phone: '+12025550147',
    language: 'en',
    personKey: `person-${person}`,
    ...overrides,
  };
}
