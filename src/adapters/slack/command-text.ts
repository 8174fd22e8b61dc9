/**
 * A slash command's `text`, or a DM's, as the member typed it. With `should_escape: true` (slack-manifest.json)
 * Slack sends a picked channel as `<#C0123|general>`, a member as `<@U0123|name>` and a link as
 * `<https://…|label>`, and in any text it escapes `&`, `<` and `>` as HTML entities
 * (docs.slack.dev/interactivity/implementing-slash-commands, …/messaging/formatting-message-text#escaping).
 * The shared parser wants the bare ids (`mod_channel:C0123`, `add_moderator:U0123`) and the URL.
 */
const CHANNEL = /<#([CG][A-Z0-9]+)(?:\|[^>]*)?>/g;
const MEMBER = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;
const LINK = /<(https?:\/\/[^|>\s]+)(?:\|[^>]*)?>/g;

export function unescapeCommandText(text: string): string {
  return (
    text
      .replace(CHANNEL, '$1')
      .replace(MEMBER, '$1')
      .replace(LINK, '$1')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      // Last, so a typed `&lt;` (sent as `&amp;lt;`) stays `&lt;`.
      .replace(/&amp;/g, '&')
  );
}
