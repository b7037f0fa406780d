import { resolveCountry } from '../offices/countries';
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
const answerCuePatterns = new WeakMap<LanguageModel, RegExp | null>();

/**
 * "my name is", "je m'appelle", "我叫" (and, in the answer to the name question, "soy", "我是"): their
 * words, with any spaces or punctuation between them, at a word start.
 */
function cuePattern(model: LanguageModel, asked: boolean): RegExp | null {
  const patterns = asked ? answerCuePatterns : cuePatterns;
  let pattern = patterns.get(model);
  if (pattern === undefined) {
    const cues = (asked ? [...model.nameCueList, ...model.nameOpenerList] : model.nameCueList)
      .map((cue) => fold(cue).split(' ').filter(Boolean).map(escape).join('[^\\p{L}\\p{N}]+'))
      .filter((s) => s !== '')
      .sort((a, b) => b.length - a.length);
    const [before, after] = model.segmentation === 'words' ? ['(?<![\\p{L}\\p{N}])', '(?![\\p{L}\\p{N}])'] : ['', ''];
    pattern = cues.length > 0 ? new RegExp(`${before}(?:${cues.join('|')})${after}`, 'u') : null;
    patterns.set(model, pattern);
  }
  return pattern;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Particles inside names ("María de la Cruz", "Ludwig van Beethoven", "Mohammed bin Salman"). */
const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'de',
  'da',
  'das',
  'do',
  'dos',
  'del',
  'della',
  'di',
  'van',
  'von',
  'bin',
  'ibn',
  'bint',
]);
/** Articles a particle may carry before the name goes on ("de la", "van der", "de los"). */
const PARTICLE_ARTICLES: ReadonlySet<string> = new Set(['la', 'las', 'los', 'le', 'der', 'den', 'het']);

/**
 * A particle goes on with the name when a name word follows it (after its articles), one that is no
 * stop word, no country and no office's city ("Ana de Guatemala" is Ana, from Guatemala).
 */
function continuesName(model: LanguageModel, words: readonly string[]): boolean {
  const [particle, ...after] = words.map(fold);
  if (particle === undefined || !NAME_PARTICLES.has(particle)) return false;
  const next = after.find((w) => !PARTICLE_ARTICLES.has(w));
  return next !== undefined && !model.nameStops.has(next) && !model.officeNames.has(next) && resolveCountry(next, model.code) === undefined;
}

/** Where a name ends inside a sentence: punctuation, a digit, or a word like "and" / "y" / "i live". */
function cut(model: LanguageModel, text: string): string {
  const stopAt = text.search(/[,.;:!?()\p{N}\n，。；！？、،؛؟]/u);
  const head = stopAt >= 0 ? text.slice(0, stopAt) : text;
  const words = head.split(/\s+/).filter(Boolean);
  const kept: string[] = [];
  for (const [at, word] of words.entries()) {
    if (model.nameStops.has(fold(word)) && !(kept.length > 0 && continuesName(model, words.slice(at)))) break;
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
  if (!(asked ? model.answerNameCues : model.nameCues).has(folded)) {
    if (!asked) return undefined;
    return cleanName(text) ?? cleanName(cut(model, text));
  }
  const pattern = cuePattern(model, asked);
  const match = pattern?.exec(softFold(text));
  if (match) {
    const after = text.slice((match.index ?? 0) + match[0].length).replace(/^[\s:,-]+/u, '');
    const name = cleanName(cut(model, after));
    if (name) return name;
  }
  if (!asked) return undefined;
  return cleanName(text) ?? cleanName(cut(model, text));
}
