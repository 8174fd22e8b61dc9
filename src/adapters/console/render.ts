import type { Reply } from '../../domain/reply.js';

const TONE_MARK: Record<Reply['tone'], string> = { success: '✔', info: 'ℹ', warning: '⚠', error: '✖' };

/** A neutral reply as plain terminal text; buttons are listed so they can be pressed with /press. */
export function renderReply(reply: Reply): string {
  const out = [`${TONE_MARK[reply.tone]} ${reply.title}`];
  for (const line of reply.lines ?? []) out.push(`  ${line}`);
  for (const field of reply.fields ?? []) out.push(`  ${field.label}: ${field.value}`);
  for (const section of reply.sections ?? []) {
    out.push(`  ${section.heading}`);
    for (const line of section.lines) out.push(`    • ${line}`);
  }
  for (const quote of reply.quotes ?? []) {
    out.push(`  ${quote.heading}`);
    for (const line of quote.text.split('\n')) out.push(`  │ ${line}`);
  }
  for (const line of reply.footer ?? []) out.push(`  ${line}`);
  if (reply.buttons?.length) out.push(`  ${reply.buttons.map((b) => `[${b.label}]`).join(' ')}  (/press <label>)`);
  return out.join('\n');
}
