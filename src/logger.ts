import pino, { type Logger } from 'pino';

export type { Logger };

/** Fields that may carry what a person typed or their personal data, wherever they appear in a log object. */
const PERSONAL_FIELDS = ['text', 'name', 'dateOfBirth', 'dob', 'phone', 'value', 'body', 'Body', 'From', 'To', 'speak', 'summary'];

/**
 * Structured logs. Message text and personal data never go in: log codes, ids and counts.
 * The redact list is a second line of defence for fields that could carry them, at the top
 * level and up to two levels down (e.g. activity.from.name).
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const paths = PERSONAL_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);
  return pino({ level, base: { service: 'infopass-bot' }, redact: { paths, censor: '[redacted]' } }, destination);
}

/**
 * What of an error may be logged: its name, code and where it was thrown, never its message,
 * which can quote what a person typed (a parse error quotes its input).
 */
export function errorForLog(error: Error): { errName: string; errCode?: string; stack?: string } {
  const code = (error as { code?: unknown }).code;
  const frames = error.stack
    ?.split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  return { errName: error.name, ...(typeof code === 'string' ? { errCode: code } : {}), ...(frames ? { stack: frames } : {}) };
}
