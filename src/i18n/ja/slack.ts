import type { SlackMessages } from '../slack-messages.js';

export const jaSlack: SlackMessages = {
  deliverModal: {
    title: '納品を記録',
    submit: '記録する',
    close: 'キャンセル',
    profile: 'クライアントのプロフィール',
    currency: '通貨',
    escrowAnswer: { yes: 'はい(仮払い済み)', no: 'いいえ(仮払いなし)', unknown: 'わからない' },
  },
  reasonModal: {
    submit: '却下する',
  },
  slackFiles: {
    inDm: 'ファイルは、このチャンネルではなく Kenshu とのDMに送りました。',
    failed: 'ファイルを Kenshu とのDMに送れませんでした。少し時間をおいて、もう一度コマンドを実行してください。',
  },
};
