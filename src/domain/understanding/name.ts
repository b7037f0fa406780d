import { cleanName } from '../personName';
import type { LanguageModel } from './data';
import { fold } from './fold';

/**
 * Each character lower-cased and stripped of its accents where that keeps it one character, so that
 * positions in this text are positions in what was typed.
 */
function softFold(text: string): string {
  let out = '';
  for (const c of text) {
    const folded = c
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
    out += folded.length === c.length ? folded : c;
  }
  return out;
}

const cuePatterns = new WeakMap<LanguageModel, RegExp | null>();

/** "my name is", "je m'appelle", "我叫": their words, with any spaces or punctuation between them, at a word start. */
function cuePattern(model: LanguageModel): RegExp | null {
  let pattern = cuePatterns.get(model);
  if (pattern === undefined) {
    const cues = model.nameCueList
      .map((cue) => fold(cue).split(' ').filter(Boolean).map(escape).join('[^\\p{L}\\p{N}]+'))
      .filter((s) => s !== '')
      .sort((a, b) => b.length - a.length);
    const [before, after] = model.segmentation === 'words' ? ['(?<![\\p{L}\\p{N}])', '(?![\\p{L}\\p{N}])'] : ['', ''];
    pattern = cues.length > 0 ? new RegExp(`${before}(?:${cues.join('|')})${after}`, 'u') : null;
    cuePatterns.set(model, pattern);
  }
  return pattern;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where a name ends inside a sentence: punctuation, a digit, or a word like "and" / "y" / "i live". */
function cut(model: LanguageModel, text: string): string {
  const stopAt = text.search(/[,.;:!?()\p{N}\n，。；！？、،؛؟]/u);
  const head = stopAt >= 0 ? text.slice(0, stopAt) : text;
  const words = head.split(/\s+/).filter(Boolean);
  const kept: string[] = [];
  for (const word of words) {
    if (model.nameStops.has(fold(word))) break;
    kept.push(word);
  }
  // Korean glues the copula to the name ("박지영입니다"): it comes off.
  if (model.segmentation === 'characters' && kept.length > 0) {
    const last = kept[kept.length - 1];
    const ending = [...model.nameStops].find((stop) => last.length > stop.length + 1 && last.endsWith(stop));
    if (ending) kept[kept.length - 1] = last.slice(0, -ending.length);
  }
  return kept.join(' ');
}

/**
 * The person's name: after "my name is" (or its words in the language) anywhere; when the bot asked
 * for the name, the whole answer (its "my name is" left out).
 */
export function findName(model: LanguageModel, text: string, folded: string, asked: boolean): string | undefined {
  if (!asked && !model.nameCues.has(folded)) return undefined;
  const pattern = cuePattern(model);
  const match = pattern?.exec(softFold(text));
  if (match) {
    const after = text.slice((match.index ?? 0) + match[0].length).replace(/^[\s:,-]+/u, '');
    const name = cleanName(cut(model, after));
    if (name) return name;
  }
  if (!asked) return undefined;
  return cleanName(text) ?? cleanName(cut(model, text));
}
