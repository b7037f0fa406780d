import { foldText } from '../../domain/text';

/**
 * Twilio's default keywords, as far as they are unambiguous: after STOP, STOPALL or UNSUBSCRIBE
 * Twilio refuses our texts to that number (error 21610); after START, UNSTOP or YES it takes them
 * again. (Twilio also reads CANCEL, END and QUIT as STOP, but people type those to leave a
 * question; a 21610 tells us when Twilio did.)
 */
const OPT_OUT: ReadonlySet<string> = new Set(['stop', 'stopall', 'unsubscribe']);
const OPT_IN: ReadonlySet<string> = new Set(['start', 'unstop', 'yes']);

export type OptKeyword = 'optOut' | 'optIn';

/**
 * What Twilio did with an incoming text: its `OptOutType` parameter when the Messaging Service has
 * Advanced Opt-Out (then Twilio says which keywords it acted on, including any the operator added
 * or removed), else our reading of its default keywords.
 */
export function optKeyword(body: string, optOutType?: string): OptKeyword | undefined {
  if (optOutType !== undefined) {
    const type = optOutType.trim().toUpperCase();
    if (type === 'STOP') return 'optOut';
    if (type === 'START') return 'optIn';
    return undefined;
  }
  const word = foldText(body).trim();
  if (OPT_OUT.has(word)) return 'optOut';
  if (OPT_IN.has(word)) return 'optIn';
  return undefined;
}
