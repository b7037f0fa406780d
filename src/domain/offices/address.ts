import type { FieldOffice } from './types';

/** One-line postal address of an office, as printed on a notice. */
export function formatOfficeAddress(office: FieldOffice): string {
  const { street, city, state, postalCode, country } = office.address;
  const locality = [city, [state, postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [street, locality, office.kind === 'international' ? country : undefined].filter(Boolean).join(', ');
}
