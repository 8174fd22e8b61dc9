import { COCONALA_AUTO_APPROVAL_HOURS } from '../../domain/facts.js';
import type { NudgeLetter } from '../../domain/nudge-facts.js';
import { upworkSupportLetter } from '../en/desk-letters.js';
import { DESK, lines, type Context, type PlatformMarketplace } from '../nudges/shared.js';
import { CLOSING, list, NAME } from './words.js';

/** The requests to the platforms' desks in Japanese (Upwork's in English), and how to reach each desk. */

/** How each desk is addressed in a letter: 御中 for an organisation. */
const DESK_ADDRESS: Record<PlatformMarketplace, string> = {
  crowdworks: `${DESK.crowdworks.ja} 御中`,
  lancers: `${DESK.lancers.ja} 御中`,
  coconala: `${DESK.coconala.ja} 御中`,
  upwork: `${DESK.upwork.ja} 御中`,
};

const DESK_REQUEST: Record<'crowdworks' | 'lancers' | 'coconala', string> = {
  crowdworks: '下記の案件について、納品後、クライアント様と連絡が取れない状況です。連絡催促をお願いできますでしょうか。',
  lancers: '下記のお仕事について、完了報告後、クライアント様と連絡が取れない状況です。連絡催促をお願いできますでしょうか。',
  coconala: '下記のお取引について、「正式な納品」を送信いたしましたが、購入者様からご連絡がなく、取引が完了しておりません。購入者様へのご連絡をお願いできますでしょうか。',
};

export function deskLetter(c: Context, platform: PlatformMarketplace): NudgeLetter {
  const { f } = c;
  const heading = platform === 'upwork' ? `${DESK.upwork.ja}への問い合わせ文` : `${DESK[platform].ja}への相談文`;
  if (platform === 'upwork') return { to: 'desk', heading, text: upworkSupportLetter(c) };
  const client = platform === 'coconala' ? '購入者' : 'クライアント';
  return {
    to: 'desk',
    heading,
    text: lines(
      DESK_ADDRESS[platform],
      '',
      'いつもお世話になっております。',
      `${NAME}と申します。`,
      DESK_REQUEST[platform],
      '',
      `・案件名: ${f.title}`,
      `・${client}: ${f.clientName ?? f.clientProfile ?? '(クライアント名)'}${f.clientName && f.clientProfile ? `(${f.clientProfile})` : ''}`,
      f.jobUrl && `・案件URL: ${f.jobUrl}`,
      `・納品日: ${f.deliveredOn}(本日で納品から${f.daysWaited}日)`,
      f.amount && `・報酬額: ${f.amount}`,
      f.contacts.length > 0 && `・これまでの連絡: ${list(f.contacts)}${f.unanswered.length === f.contacts.length ? (f.contacts.length > 1 ? '(いずれもお返事なし)' : '(お返事なし)') : ''}`,
      f.replies.length > 0 && `・クライアントからの最後のご連絡: ${f.replies[f.replies.length - 1]}`,
      f.deskRequests.length > 0 && `・前回のご相談: ${list(f.deskRequests)}`,
      '',
      CLOSING,
    ),
  };
}

export function deskAdvice(platform: PlatformMarketplace): string {
  switch (platform) {
    case 'crowdworks':
      return '契約ページの「契約相手と連絡がとれない場合はこちら」ボタンから、事務局にクライアントへの連絡催促を依頼できます。下の相談文が使えます。事務局から連絡しても反応がない場合、事務局の判断で検収が完了することもあります。';
    case 'lancers':
      return '仕事のページの「連絡催促申請」から申請し、状況の説明に下の文面を使ってください。申請の前に、必ず「完了報告」を済ませておきましょう。';
    case 'coconala':
      return `正式な納品から${COCONALA_AUTO_APPROVAL_HOURS}時間が過ぎても取引が完了していなければ、お問い合わせフォームから運営事務局に相談しましょう。下の文面が使えます。`;
    case 'upwork':
      return 'まだ支払われていなければ、Upworkのサポート(Help & support → Contact us)に、契約のリンクを添えて問い合わせましょう。サポートは英語対応のため、下の文面は英語です。';
  }
}
