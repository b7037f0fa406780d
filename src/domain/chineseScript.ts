/**
 * Traditional Chinese (Taiwan, Hong Kong, most of the Chinese-speaking people in the US) read as
 * Simplified, so that typed answers and dates match the Simplified words of locales/zh/.
 *
 * Not a converter for text to show: only the characters of what people type to this bot (the
 * words of locales/zh/, language names, dates and times, Cantonese answers), one character to one.
 * Every pair is a Traditional character whose Simplified form is a different code point; the
 * direction Traditional → Simplified is many-to-one (後 and 后 both read 后), so reading a
 * Simplified text through it changes nothing. A character that is a word of its own in Simplified
 * with another meaning (乾, 著, 隻, 製 …) is left out; 覆 is kept (覆 → 复), as Hong Kong writes 回覆 for 回复.
 */
const PAIRS: ReadonlyArray<string> = [
  // Booking, cancelling, the menu and its words: 預約, 取消預約, 需要帶什麼, 關於, 介紹, 說明.
  '預预 約约 訂订 辦办 請请 談谈 帶带 麼么 關关 於于 紹绍 說说 説说 資资 證证 証证 據据 號号 碼码 應应 該该',
  // Commands: 幫助, 會, 結束, 重新開始, 從頭, 語言, 換, 選擇, 種, 問題.
  '幫帮 會会 結结 開开 從从 頭头 語语 換换 選选 擇择 種种 問问 題题 讓让 們们 嗎吗 謝谢 繼继 續续',
  // Yes and no: 對, 確認, 沒錯, 當然, 沒問題, 不對, 錯, 唔係 (Cantonese "not so"), 冇.
  '對对 確确 認认 沒没 錯错 當当 係系 個个 箇个 還还 聽听',
  // Reasons and places: 綠卡, 臨時, 工作許可, 授權, 就業, 緊急, 提前, 釋, 聯絡, 服務, 回覆,
  // 遞交, 審理, 進度, 狀態, 暫緩遣返, 夢, 別的, 適合, 國外, 護照, 蓋章, 法院.
  '綠绿 臨临 許许 權权 業业 緊紧 釋释 聯联 絡络 務务 復复 覆复 複复 遞递 審审 進进 狀状 態态 暫暂 緩缓 夢梦 別别 適适 國国 護护 蓋盖 裡里 處处 電电 話话 郵邮 編编 歲岁 駕驾 圖图 標标',
  // Language names: 漢語, 普通話, 簡體中文, 繁體中文, 粵語, 廣東話.
  '漢汉 簡简 體体 粵粤 廣广 東东',
  // Dates and times: 兩點鐘, 禮拜一, 週末, 幾號, 時間, 以後, 這個, 過, 現在, 晚點, 鐘頭, 上晝, 下晝, 聽日.
  '兩两 點点 鐘钟 鍾钟 禮礼 週周 幾几 時时 間间 後后 這这 場场 來来 過过 現现 晝昼 邊边 遲迟 準准 曆历 歷历 節节 區区',
  // Asking, looking up, moving, papers: 唔識, 唔記得, 準備, 發給, 補辦, 丟了, 約見, 人員, 網站, 點樣, 調到, 變更, 查詢,
  // 詳情, 已經, 夠不夠, 講英文, 韓語, 手機, 簡訊, 簽證, 親人, 臺灣, 為什麼.
  '識识 記记 備备 發发 給给 補补 丟丢 見见 員员 單单 紙纸 網网 實实 譜谱 煩烦 樣样 壞坏 轉转 變变 動动 調调 詢询 詳详 細细 報报 錄录 剛刚 經经 夠够 裏里 講讲 華华 韓韩 羅罗 蘭兰 機机 訊讯 傳传 難难 館馆 領领 書书 試试 簽签 親亲 屬属 門门 費费 離离 縣县 紐纽 達达 頓顿 亞亚 灣湾 臺台 為为 歡欢 張张 條条',
];

const TO_SIMPLIFIED: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const line of PAIRS) {
    for (const pair of line.split(' ')) {
      const [traditional, simplified] = [...pair];
      if (traditional !== simplified) map.set(traditional, simplified);
    }
  }
  return map;
})();

/** The characters the table knows, as a test sees them. */
export function traditionalCharacters(): ReadonlyMap<string, string> {
  return TO_SIMPLIFIED;
}

/** CJK ideographs (the unified block and its extension A), where every pair of the table lies. */
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/gu;

/**
 * The text with each known Traditional character written in Simplified ("預約" → "预约",
 * "禮拜一下午兩點" → "礼拜一下午两点"); a text with no Chinese in it is returned as it is.
 */
export function traditionalToSimplified(text: string): string {
  return text.replace(HAN, (c) => TO_SIMPLIFIED.get(c) ?? c);
}
