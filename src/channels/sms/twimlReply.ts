import { twilioLibrary } from './twilioLibrary';
import { smsSegments } from './segments';

/** Twilio refuses a message body longer than this. */
export const MAX_SMS_BODY_CHARS = 1600;
/** Consecutive replies are sent as one SMS when together they still fit in this many segments. */
export const MAX_JOINED_SEGMENTS = 2;

const PARAGRAPH = '\n\n';

/** What XML 1.0 cannot carry: control characters (but tab and line breaks), lone surrogates, U+FFFE/U+FFFF. */
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

/** Cuts a text longer than Twilio accepts at line breaks (or spaces, or anywhere as a last resort). */
export function splitLongMessage(text: string, maxChars = MAX_SMS_BODY_CHARS): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > maxChars) {
    const window = rest.slice(0, maxChars + 1);
    let cut = window.lastIndexOf('\n');
    if (cut <= 0) cut = window.lastIndexOf(' ');
    if (cut <= 0) cut = maxChars;
    parts.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest !== '') parts.push(rest);
  return parts.filter((p) => p !== '');
}

/**
 * The SMS messages for a turn's reply texts: empty texts dropped, short consecutive ones joined
 * (a question and its list of answers arrive together), none longer than Twilio accepts.
 */
export function smsMessages(texts: readonly string[], maxJoinedSegments = MAX_JOINED_SEGMENTS): string[] {
  const messages: string[] = [];
  for (const text of texts.map((t) => t.trim()).filter((t) => t !== '')) {
    const last = messages.at(-1);
    const joined = last === undefined ? undefined : `${last}${PARAGRAPH}${text}`;
    if (joined !== undefined && joined.length <= MAX_SMS_BODY_CHARS && smsSegments(joined) <= maxJoinedSegments) {
      messages[messages.length - 1] = joined;
    } else {
      messages.push(text);
    }
  }
  return messages.flatMap((m) => splitLongMessage(m));
}

/** TwiML answering an incoming SMS with these messages (an empty <Response/> sends nothing). */
export function twimlReply(messages: readonly string[]): string {
  const response = new (twilioLibrary().twiml.MessagingResponse)();
  for (const message of messages.map(xmlSafe)) if (message.trim() !== '') response.message(message);
  return response.toString();
}
