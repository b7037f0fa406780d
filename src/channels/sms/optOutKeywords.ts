import { foldText } from '../../domain/text';

/**
 * Twilio's default keywords, as far as they are unambiguous: after STOP, STOPALL or UNSUBSCRIBE
 * Twilio refuses our texts to that number (error 21610); after START, UNSTOP or YES it takes them
 * again. (Twilio also reads CANCEL, END and QUIT as STOP, but people type those to leave a
 * question; a 21610 tells us when Twilio did.)
 */
const OPT_OUT: ReadonlySet<string> = new Set(['stop', 'stopall', 'unsubscribe']);
const OPT_IN: ReadonlySet<string> = new Set(['start', 'unstop', 'yes']);

/** Whether an incoming text is one of Twilio's opt-out or opt-in keywords. */
export function optKeyword(body: string): 'optOut' | 'optIn' | undefined {
  const word = foldText(body).trim();
  if (OPT_OUT.has(word)) return 'optOut';
  if (OPT_IN.has(word)) return 'optIn';
  return undefined;
}
