import type { NoticeContent } from '../domain/appointments/notice';

export interface NoticeCardOptions {
  /** Said above the notice, e.g. that the appointment was moved (from when to when). */
  lead?: string;
}

/**
 * Adaptive Card (schema 1.5) of an appointment notice. The person's name is the only text they
 * typed; cleanName() admits no Markdown characters, so nothing here renders as markup.
 */
export function noticeCard(notice: NoticeContent, options: NoticeCardOptions = {}): object {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    rtl: notice.direction === 'rtl',
    speak: options.lead ? `${options.lead}\n${notice.text}` : notice.text,
    body: [
      ...(options.lead ? [{ type: 'TextBlock', text: options.lead, weight: 'Bolder', wrap: true, color: 'Attention' }] : []),
      { type: 'TextBlock', text: notice.title, weight: 'Bolder', size: 'Medium', wrap: true, style: 'heading' },
      {
        type: 'Container',
        style: 'emphasis',
        items: [
          { type: 'TextBlock', text: notice.receiptLabel, isSubtle: true, wrap: true, spacing: 'None' },
          {
            type: 'TextBlock',
            text: notice.receiptNumber,
            weight: 'Bolder',
            size: 'Large',
            fontType: 'Monospace',
            wrap: true,
            spacing: 'None',
          },
        ],
      },
      { type: 'FactSet', facts: notice.facts.map((f) => ({ title: f.label, value: f.value })) },
      { type: 'TextBlock', text: notice.documentsTitle, weight: 'Bolder', wrap: true },
      ...notice.documents.map((d) => ({ type: 'TextBlock', text: `• ${d}`, wrap: true, spacing: 'Small' })),
      { type: 'TextBlock', text: notice.instructionsTitle, weight: 'Bolder', wrap: true },
      ...notice.instructions.map((d) => ({ type: 'TextBlock', text: `• ${d}`, wrap: true, spacing: 'Small' })),
    ],
    ...(notice.links
      ? {
          actions: [notice.links.print, notice.links.calendar].map((link) => ({
            type: 'Action.OpenUrl',
            title: link.label,
            url: link.url,
          })),
        }
      : {}),
  };
}
