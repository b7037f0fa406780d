import fs from 'node:fs';
import path from 'node:path';
import i18next, { type i18n as I18nInstance, type InitOptions, type Resource } from 'i18next';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../languages';
import { projectRoot } from '../projectPaths';

/** A function that turns a locale key into the sentence for one language. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export const LOCALES_DIR = path.join(projectRoot(), 'locales');

/** Reads locales/<code>/translation.json for each language we speak. */
export function loadResources(dir: string = LOCALES_DIR): Resource {
  const resources: Resource = {};
  for (const { code } of LANGUAGES) {
    const file = path.join(dir, code, 'translation.json');
    resources[code] = { translation: JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown> };
  }
  return resources;
}

/** How the translator sets up i18next (exported for the tests that compare with plain i18next). */
export function i18nextOptions(resources: Resource): InitOptions {
  return {
    resources,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES.map((l) => l.code),
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
    // Replies are plain text, never HTML: nothing to escape here.
    interpolation: { escapeValue: false },
  };
}

/**
 * All user-facing text. One i18next instance, loaded synchronously at start-up, so a
 * turn never waits on a file.
 */
export class Translator {
  private readonly i18n: I18nInstance;
  private readonly cache = new Map<string, Translate>();
  private readonly wordLists = new Map<string, readonly string[]>();

  constructor(resources: Resource = loadResources()) {
    this.i18n = i18next.createInstance();
    void this.i18n.init(i18nextOptions(resources));
  }

  for(language: string): Translate {
    let t = this.cache.get(language);
    if (!t) {
      const fixed = this.i18n.getFixedT(language);
      const { interpolator } = this.i18n.services;
      // Resources never change after start-up: a sentence without values is looked up once, and
      // a sentence with values fills in its own template with i18next's interpolator, skipping
      // the rest of t() (key parsing, fallbacks, nesting, post-processing), which cost ~7% of a
      // turn's CPU. Plurals, and keys this language lacks (English fills in), go through t().
      const plain = new Map<string, string>();
      const templates = new Map<string, string | null>();
      const templateOf = (key: string): string | null => {
        let template = templates.get(key);
        if (template === undefined) {
          const resource: unknown = this.i18n.getResource(language, 'translation', key);
          template = typeof resource === 'string' ? resource : null;
          templates.set(key, template);
        }
        return template;
      };
      t = (key, values) => {
        if (values !== undefined) {
          const template = values.count === undefined ? templateOf(key) : null;
          return template === null ? fixed(key, values) : interpolator.interpolate(template, values, language, {});
        }
        let sentence = plain.get(key);
        if (sentence === undefined) {
          sentence = fixed(key, {});
          plain.set(key, sentence);
        }
        return sentence;
      };
      this.cache.set(language, t);
    }
    return t;
  }

  /**
   * A list of words kept under one key (e.g. the synonyms of "yes"), in the language then in
   * English. The same (frozen) array each time for one language and key: resources never change
   * after start-up, and matchers may key their own caches by it.
   */
  words(language: string, key: string): readonly string[] {
    const cacheKey = `${language}\n${key}`;
    let list = this.wordLists.get(cacheKey);
    if (!list) {
      const own = this.listFor(language, key);
      list = Object.freeze(language === DEFAULT_LANGUAGE ? own : [...own, ...this.listFor(DEFAULT_LANGUAGE, key)]);
      this.wordLists.set(cacheKey, list);
    }
    return list;
  }

  private listFor(language: string, key: string): string[] {
    const value: unknown = this.i18n.getResource(language, 'translation', key);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }
}
