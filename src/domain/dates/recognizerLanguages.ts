import { Culture } from '@microsoft/recognizers-text-date-time';
import type { DateTime } from 'luxon';
import { weekendRange } from './grammars/calendar';
import { traditionalToSimplified } from '../chineseScript';
import { rewrite, type Rewrite } from './normalizeText';
import type { Piece } from './reading';
import type { RecognizerLanguage } from './recognizerParser';

// Chinese only: English, Spanish and French moved to chrono-node (chronoLanguagesLatin.ts), which
// measured better on both sets and needs no model built (npm run bench:dates).

const CHINESE_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一'];

/**
 * Minutes the model misses: "三点零五" (it drops what follows 零), and Cantonese "三點踏三" /
 * "三點三個字" (minutes counted in fives on the clock face).
 */
function chineseMinutes(text: string): string {
  return (
    text
      .replace(/点零([一二三四五六七八九])分?/gu, (_, digit: string) => `点0${CHINESE_DIGITS.indexOf(digit)}分`)
      .replace(
        /点(?:踏|搭)?(十一|一|二|三|四|五|六|七|八|九|十)个字|点(?:踏|搭)(十一|一|二|三|四|五|六|七|八|九|十)/gu,
        (_, a: string | undefined, b: string | undefined) => `点${5 * CHINESE_DIGITS.indexOf(a ?? b ?? '')}分`,
      )
      // "三點三" alone, the Cantonese way: three marks on the clock face, 3:15 (the model: 3:03).
      .replace(
        /点([一二三四五六七八九])(?![一二三四五六七八九十零〇两半分刻个钟\d])/gu,
        (_, digit: string) => `点${5 * CHINESE_DIGITS.indexOf(digit)}分`,
      )
  );
}

/**
 * Cantonese words the model does not know, after Traditional characters are read as Simplified
 * (traditionalToSimplified: "禮拜一下午兩點" → "礼拜一下午两点", the model's own words).
 */
const CANTONESE: ReadonlyArray<Rewrite> = [
  [/听朝早?/gu, '明天早上'],
  [/听晚/gu, '明天晚上'],
  [/听日/gu, '明天'],
  [/大后日/gu, '大后天'],
  [/后日/gu, '后天'],
  [/朝早/gu, '早上'],
  [/上昼/gu, '上午'],
  [/(?:下|晏)昼/gu, '下午'],
  [/今个/gu, '这个'],
  [/今晚/gu, '今天晚上'],
  [/廿/gu, '二十'],
];

const CHINESE_REWRITES: ReadonlyArray<Rewrite> = [
  ...CANTONESE,
  // Phone typos (pinyin input picks a homophone): 星其/星七 for 星期, 里拜/理拜 for 礼拜, and after them
  // 无/午 for 五, 事 for 四, 而/儿 for 二, 散 for 三, 留/流 for 六, 依/衣 for 一 ("星其五", "礼拜无").
  [/星(?:其|七|起|奇)(?=[一二三四五六日天1-7无午事而儿散留流依衣])/gu, '星期'],
  [/(?:里|理|李)拜(?=[一二三四五六日天1-7无午事而儿散留流依衣])/gu, '礼拜'],
  [/(星期|礼拜)(?:无|午)/gu, '$1五'],
  [/(星期|礼拜)事/gu, '$1四'],
  [/(星期|礼拜)(?:而|儿)/gu, '$1二'],
  [/(星期|礼拜)散/gu, '$1三'],
  [/(星期|礼拜)(?:留|流)/gu, '$1六'],
  [/(星期|礼拜)(?:依|衣)/gu, '$1一'],
  // "这周一" said on a Tuesday is the coming Monday, as a bare weekday is ("这个星期一" too).
  [/(?:这|今)(?:个)?(?:星期|礼拜|周)(?=[一二三四五六日天])/gu, '星期'],
  // "3pm", "10am": the model reads them in English only.
  [/(?:下午|晚上)?\s*(\d{1,2})(?::(\d{2}))?\s*pm(?![a-z])/giu, '下午$1点$2'],
  [/(?:上午|早上)?\s*(\d{1,2})(?::(\d{2}))?\s*am(?![a-z])/giu, '上午$1点$2'],
  // "三小时后" is a time, not a day; "这个月20号": the model knows "本月20号".
  [/这个月/gu, '本月'],
  // Cantonese "三點踏三" / "三點三個字": minutes counted in fives on the clock face.
  [/点(?:踏|搭)半/gu, '点半'],
  // "15号" alone: the model knows "15日".
  [/(?<![月\d])(\d{1,2})[号號](?!\d)/gu, '$1日'],
  // "中午" alone: the model makes it 11–13; we read noon as 12:00.
  [/中午(?![\d一二三四五六七八九十两]+[点時时:])/gu, '中午12点'],
  [/(\d+|[一二三四五六七八九十两]+)个?(?:星期|礼拜|禮拜)(?=后|後|以后)/gu, '$1周'],
  // "三個鐘(之)後", "一個鐘頭後": hours in Cantonese and in speech, and "之后", which the model does not know after hours.
  [/个钟头?/gu, '个小时'],
  [/(小时|钟头)之后/gu, '$1后'],
];

export const CHINESE: RecognizerLanguage = {
  culture: Culture.Chinese,
  normalize: (text) => chineseMinutes(rewrite(traditionalToSimplified(text), CHINESE_REWRITES)),
  durationFromNow: /(?:再过|过)\s*$/u,
  partOfDayWords: [],
  ownRules: [
    // The model makes "这周末" Saturday only: the weekend is Saturday and Sunday.
    { pattern: /下个?(?:周末|礼拜六日|星期六日)/gu, read: (_groups, now) => weekend(now, 1) },
    { pattern: /(?:这|本|今)?个?(?:周末|礼拜六日|星期六日)/gu, read: (_groups, now) => weekend(now, 0) },
  ],
  warmUpPhrases: [
    '周六',
    '礼拜一早上',
    '这周三',
    '下周二下午',
    '两周后',
    '三小时后',
    '三月一日',
    '2026年12月5日',
    '下午三点零五分',
    '下午3点',
    '今晚8点',
    '15号',
    '中午',
  ],
};

function weekend(now: DateTime, weeks: number): Piece {
  return { kind: 'reading', reading: weekendRange(now, weeks) };
}
