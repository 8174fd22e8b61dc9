import { z } from 'zod';
import { messagesFor } from '../i18n/index.js';
import { commandPath, defineCommand } from './command.js';
import { describeOptions } from './options.js';

export default defineCommand({
  group: 'help',
  description: { en: 'What Kenshu can do', ja: 'Kenshu でできること' },
  input: z.object({}),
  async run(_input, ctx) {
    // Imported here, not at the top: the list includes this command.
    const { commands } = await import('./index.js');
    const m = messagesFor(ctx.locale);
    const sections = commands.map((command) => ({
      heading: `${commandPath(command)}: ${command.description[ctx.locale]}`,
      lines: describeOptions(command.input).map(
        (o) => `${o.name}:${o.required ? ` (${m.help.required})` : ''} ${o.meta.description[ctx.locale]}${o.meta.choices ? ` [${o.meta.choices.join(' | ')}]` : ''}`,
      ),
    }));
    if (ctx.platform === 'console') sections.push({ heading: 'console', lines: m.help.consoleExtras });
    return { tone: 'info', title: m.help.title, lines: [m.help.intro], sections };
  },
});
