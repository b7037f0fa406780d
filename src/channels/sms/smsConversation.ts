import { createHmac } from 'node:crypto';

/**
 * One conversation per phone number. The id is a keyed hash of the number, so neither the
 * state store nor the logs ever hold the number itself, and it cannot be found by trying
 * every number without the secret.
 */
export function smsConversationId(phoneNumber: string, secret: string): string {
  const digest = createHmac('sha256', secret).update(`sms:${phoneNumber.trim()}`).digest('base64url');
  return `sms-${digest.slice(0, 32)}`;
}
