import { statusCommand } from './deliver-status.js';

export default statusCommand('paid', 'pay', {
  en: 'You were paid; reminders end',
  ja: '報酬が支払われました(リマインド終了)',
});
