import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs. Message text and personal data never go in: log codes, ids and counts.
 * The redact list is a second line of defence for fields that could carry them.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'infopass-bot' },
      redact: {
        paths: ['text', 'name', 'dateOfBirth', 'phone', '*.text', '*.name', '*.dateOfBirth', '*.phone', 'activity.text', 'activity.value'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
