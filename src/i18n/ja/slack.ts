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
  home: {
    intro: 'Kenshu は、記録した納品をクライアントの検収と支払いまで見守り、次に何をすればよいかをお知らせします。「メッセージ」タブから「deliver list」のようにコマンドを送ることもできます。使い方は /kenshu help で確認できます。',
    newcomer: 'まだ納品の記録がありません。最初の納品は /deliver new で記録できます。',
    more: (count) => `ほかに${count}件あります。/deliver list で確認できます。`,
  },
};
