import { statusCommand } from './deliver-status.js';

export default statusCommand('cancel', 'cancel', {
  en: 'The deal was cancelled; reminders end',
  ja: '取引がキャンセルになりました(リマインド終了)',
});
