import { createHash } from 'node:crypto';
import type { NoticeContent, NoticeLink } from '../domain/appointments/notice';

/**
 * The appointment notice as a printable HTML page: no script, one inline style allowed by its
 * hash, every text escaped. The texts come from the notice, already in the person's language.
 */

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic","Noto Sans CJK SC",sans-serif;color:#111;background:#fff}
main{max-width:42rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.5rem;margin:0 0 1rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.receipt{border:2px solid #111;padding:.75rem 1rem;margin:0 0 1rem}
.receipt p{margin:0}
.number{font:700 1.6rem/1.3 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.05em;direction:ltr;unicode-bidi:isolate}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dt{font-weight:700}
dd{margin:0}
ul{margin:0;padding-inline-start:1.25rem}
li{margin:.25rem 0}
.actions{margin-top:2rem}
.actions a{display:inline-block;padding:.5rem 1rem;border:1px solid #0b57d0;border-radius:.25rem;color:#0b57d0;text-decoration:none}
@page{margin:15mm}
@media print{body{font-size:11pt}main{max-width:none;padding:0}.actions{display:none}h2{break-after:avoid}.receipt,li{break-inside:avoid}}
`.trim();

const STYLE_HASH = createHash('sha256').update(STYLE, 'utf8').digest('base64');

/** The Content-Security-Policy the page is served with: nothing may load or run but its own style. */
export const NOTICE_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

export interface NoticePageOptions {
  /** BCP 47 tag of the notice's language (the page's lang attribute). */
  lang: string;
  /** A link to the calendar file, shown on screen and not in print. */
  calendar?: NoticeLink;
}

export function noticePage(notice: NoticeContent, options: NoticePageOptions): string {
  const e = escapeHtml;
  const facts = notice.facts.map((f) => `<dt>${e(f.label)}</dt><dd>${e(f.value)}</dd>`).join('\n');
  const list = (items: readonly string[]) => items.map((item) => `<li>${e(item)}</li>`).join('\n');
  const calendar = options.calendar ? `<p class="actions"><a href="${e(options.calendar.url)}">${e(options.calendar.label)}</a></p>` : '';
  return `<!doctype html>
<html lang="${e(options.lang)}" dir="${notice.direction}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${e(notice.title)} ${e(notice.receiptNumber)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${e(notice.title)}</h1>
<section class="receipt">
<p>${e(notice.receiptLabel)}</p>
<p class="number">${e(notice.receiptNumber)}</p>
</section>
<dl>
${facts}
</dl>
<h2>${e(notice.documentsTitle)}</h2>
<ul>
${list(notice.documents)}
</ul>
<h2>${e(notice.instructionsTitle)}</h2>
<ul>
${list(notice.instructions)}
</ul>
${calendar}
</main>
</body>
</html>
`;
}
