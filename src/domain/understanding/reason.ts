import type { ReasonCode } from '../reasons';
import type { LanguageModel } from './data';

/**
 * The reason named: a whole answer at the reason question ("mica", "travel"), else the longest
 * reason phrase in the message. "Other" counts only as an answer to the question.
 */
export function findReason(model: LanguageModel, folded: string, asked: boolean): ReasonCode | undefined {
  if (asked) {
    const answer = model.reasonAnswers.get(folded);
    if (answer) return answer;
  }
  let best: { code: ReasonCode; length: number } | undefined;
  for (const [code, matcher] of model.reasons) {
    if (code === 'other' && !asked) continue;
    const length = matcher.longest(folded);
    if (length > 0 && (!best || length > best.length)) best = { code, length };
  }
  return best?.code;
}
