import type { ReasonCode } from '../reasons';
import type { LanguageModel } from './data';

/** A reason and where it was named in the folded text. */
export interface FoundReason {
  code: ReasonCode;
  index: number;
  length: number;
}

/** The reason that any other reason named outranks: a work permit or DACA application is a pending case too. */
const GENERIC: ReasonCode = 'pending_case';

/**
 * Reasons that outrank another named beside them, whatever the phrases' lengths: a stamp asked for
 * because the green card is lost or late ("stempel ADIT bo zgubilam green card") is the stamp.
 */
const OUTRANKS: ReadonlyMap<ReasonCode, ReasonCode> = new Map<ReasonCode, ReasonCode>([['adit_stamp', 'green_card_not_received']]);

/**
 * The reason named: a whole answer at the reason question ("mica", "travel"), else the longest
 * reason phrase in the message, a pending case only when no other reason is named ("my work permit
 * has been pending for months" is about the work permit), an ADIT stamp before the green card it stands
 * in for, and a phrase of `reasonsAlone` ("no answer") only when no other reason is named ("my case has
 * waited two years without an answer" is the pending case). "Other" counts only as an answer to the question.
 */
export function findReason(model: LanguageModel, folded: string, asked: boolean): FoundReason | undefined {
  if (asked) {
    const answer = model.reasonAnswers.get(folded);
    if (answer) return { code: answer, index: 0, length: folded.length };
  }
  let best: FoundReason | undefined;
  for (const [code, matcher] of model.reasons) {
    if (code === 'other' && !asked) continue;
    for (const found of matcher.all(folded)) {
      const generic = code === GENERIC;
      const bestGeneric = best?.code === GENERIC;
      const better =
        !best ||
        (bestGeneric && !generic) ||
        OUTRANKS.get(code) === best.code ||
        (bestGeneric === generic && OUTRANKS.get(best.code) !== code && found.text.length > best.length);
      if (better) best = { code, index: found.index, length: found.text.length };
    }
  }
  return best ?? findReasonAlone(model, folded);
}

/** A phrase that names a reason only when nothing else does ("sen respondo": the contact centre's silence), the longest. */
function findReasonAlone(model: LanguageModel, folded: string): FoundReason | undefined {
  let best: FoundReason | undefined;
  for (const [code, matcher] of model.reasonsAlone) {
    for (const found of matcher.all(folded)) {
      if (!best || found.text.length > best.length) best = { code, index: found.index, length: found.text.length };
    }
  }
  return best;
}

/**
 * The text without the words that named the reason: they say the reason, not what the person
 * wants ("document de voyage" is no question about documents, "papye pou vwayaje" none about papers).
 */
export function withoutReason(folded: string, reason: FoundReason | undefined): string {
  if (!reason) return folded;
  return `${folded.slice(0, reason.index)} ${folded.slice(reason.index + reason.length)}`.replace(/ +/g, ' ').trim();
}
