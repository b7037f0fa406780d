import { parserOf, type WhenParser, type WhenReader } from '../reading';
import { readEsperanto } from './eo';
import { readHaitianCreole } from './ht';
import { readKorean } from './ko';
import { readPolish } from './pl';
import { readTagalog } from './tl';

/** Our own grammars, for languages no library parses well (ko, pl, tl, eo, ht). */
export const GRAMMAR_READERS: Readonly<Record<string, WhenReader>> = {
  ko: readKorean,
  pl: readPolish,
  tl: readTagalog,
  eo: readEsperanto,
  ht: readHaitianCreole,
};

/** GRAMMAR_READERS' readings alone. */
export const GRAMMAR_PARSERS: Readonly<Record<string, WhenParser>> = Object.fromEntries(
  Object.entries(GRAMMAR_READERS).map(([language, reader]) => [language, parserOf(reader)]),
);
