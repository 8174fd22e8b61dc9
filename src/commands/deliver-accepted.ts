import { statusCommand } from './deliver-status.js';

export default statusCommand('accepted', 'accept', {
  en: 'The client accepted the work (検収完了)',
  ja: 'クライアントが検収しました(検収完了)',
});
