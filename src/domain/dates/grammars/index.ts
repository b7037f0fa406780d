import type { WhenParser } from '../reading';
import { parseEsperanto } from './eo';
import { parseHaitianCreole } from './ht';
import { parseKorean } from './ko';
import { parsePolish } from './pl';
import { parseTagalog } from './tl';

/** Our own grammars, for languages no library parses well (ko, pl, tl, eo, ht). */
export const GRAMMAR_PARSERS: Readonly<Record<string, WhenParser>> = {
  ko: parseKorean,
  pl: parsePolish,
  tl: parseTagalog,
  eo: parseEsperanto,
  ht: parseHaitianCreole,
};
