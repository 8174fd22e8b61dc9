import {
  COCONALA_AUTO_APPROVAL_HOURS,
  CROWDWORKS_EARLY_TERMINATION_AUTO_WEEKS,
  CROWDWORKS_REVIEW_GUIDELINE_WEEKS,
  FIRM_DEADLINE_DAYS,
  FREELANCE_ACT_IN_FORCE,
  FREELANCE_ACT_MIN_OFFICERS,
  FREELANCE_ACT_NAME_JA,
  FREELANCE_HOTLINE,
  LANCERS_CONTACT_REMINDER_AFTER_DAYS,
  LANCERS_CONTACT_REMINDER_DEADLINE_DAYS,
  LANCERS_MESSAGES_BEFORE_DESK,
  LEGAL_PAYMENT_DAYS,
  UPWORK_AUTO_RELEASE_DAYS,
} from '../../domain/facts.js';
import type { Marketplace } from '../../domain/marketplace.js';
import type { NudgeText } from '../../domain/nudge-facts.js';
import { upworkSupportLetter } from '../en/nudges.js';
import { formatIsoDate } from '../format.js';
import { DESK, lines, paragraphs, stageName, type Context, type HistoryOutcome, type PlatformMarketplace, type StageWriters } from '../nudges/shared.js';

/**
 * The nudge letters in Japanese: advice to the writer in plain です・ます, letters to the client
 * and to the desks in business 敬語. Laid out like src/i18n/en/nudges.ts: the same helpers, then
 * the platforms' rules, then one writer per stage.
 */

const CLIENT_HEADING = 'クライアントへのメッセージ';

// ─── Pieces every stage uses ───

function title(c: Context, what: string): string {
  return `${c.f.daysWaited}日目・#${c.f.deliveryNumber}「${c.f.title}」の${what}`;
}

function jobLine(c: Context): string | null {
  return c.f.jobUrl ? `案件ページ: ${c.f.jobUrl}` : null;
}

function amountLine(c: Context): string | null {
  return c.f.amount ? `報酬額: ${c.f.amount}` : null;
}

/** Escrow and platform-protection notes, wherever they matter. */
function protection(c: Context): string | null {
  if (!c.platform) {
    return c.f.marketplace === 'direct'
      ? '直接取引にはマーケットの保護がありません。メッセージ、合意した条件、請求書などの記録を残しておきましょう。'
      : 'このマーケットの保護はあてにできません。メッセージ、合意した条件、請求書などの記録を残しておきましょう。';
  }
  if (c.f.escrow === 'not_funded') {
    const ask = c.platform === 'upwork' ? 'マイルストーンへの入金(仮払い)' : '仮払い';
    return `仮払いがされていません。これ以上の作業は止めて、まずクライアントに${ask}をお願いしてください。仮払いがないと、${c.label}の保護を受けられません。`;
  }
  if (c.f.escrow === 'unknown') {
    return '仮払いがされているか、案件ページで確認しておきましょう。されていなければ、仮払いまでは作業を進めないでください。';
  }
  return null;
}

function sendHint(c: Context): string {
  return c.platform
    ? '下の文面を、案件のメッセージ欄からクライアントに送ってください。'
    : '下の文面を、クライアントとのやり取りに使っているメールやチャットで送ってください。';
}

/** The messages Kenshu knows were sent to the client, for a desk request: null when none. */
function contactLine(c: Context): string | null {
  const n = c.clientMessages.length;
  if (n === 0) return null;
  const dates = c.clientMessages.filter((d): d is string => d !== null);
  return `クライアントへの連絡: ${n}回${dates.length > 0 ? `(${dates.join('、')})` : ''}、${n > 1 ? 'いずれも' : ''}返信なし`;
}

/** At the desk stage with no message to the client on record: desks expect one first. */
function noMessageYet(c: Context): string | null {
  return c.clientMessages.length === 0
    ? 'Kenshuにはクライアントへの連絡の記録がありません。事務局は通常、先に一度クライアントへ連絡することを求めます。まだなら先に確認のメッセージを送りましょう。'
    : null;
}

const OUTCOME: Record<HistoryOutcome, string> = {
  sent: '',
  skipped: 'スキップ',
  unreachable: 'DMが届かず',
  failed: '送信できず',
};

function evidence(c: Context): string[] {
  const { f } = c;
  return [
    '記録のまとめ:',
    `・クライアント: ${f.clientName}`,
    `・案件: ${f.title}`,
    ...(f.jobUrl ? [`・案件URL: ${f.jobUrl}`] : []),
    `・納品日: ${f.deliveredOn}`,
    `・経過日数: ${f.daysWaited}日`,
    `・状態: ${c.unpaid ? '検収済みだが未払い' : '検収待ち'}`,
    ...(f.amount ? [`・報酬額: ${f.amount}`] : []),
    ...f.history.map((h) => {
      const name = stageName('ja', h.stage);
      if (h.outcome === 'sent') return `・${name}: ${h.on ?? '送信済み'}`;
      return `・${name}: ${OUTCOME[h.outcome]}${h.on ? `(${h.on})` : ''}`;
    }),
  ];
}

/** Stage 4: ask the platform's desk now, or again with the evidence. */
function deskAdvice(c: Context): string | null {
  if (!c.platform) return null;
  return `${DESK[c.platform].ja}にまだ相談していなければ、今すぐ相談しましょう。相談済みで解決していなければ、このまとめを添えて再度相談してください。`;
}

// ─── The platforms' rules, from src/domain/facts.ts ───

const COCONALA_RULE =
  `ココナラでは、「正式な納品」から${COCONALA_AUTO_APPROVAL_HOURS}時間以内に購入者が承諾も差し戻しもしなければ、自動で承諾されて取引が完了します。`;
const COCONALA_FORMAL = `${COCONALA_RULE}納品が「正式な納品」ボタンで送られているか確認してください。`;
const UPWORK_AUTO_RELEASE =
  `Upworkの固定報酬契約では、作業の提出から${UPWORK_AUTO_RELEASE_DAYS}日以内にクライアントが承認も修正依頼もしなければ、マイルストーンの報酬が自動で支払われます。`;

// ─── One writer per stage ───

function checkIn(c: Context): NudgeText {
  const { f } = c;
  const tip: Record<Marketplace, string | null> = {
    crowdworks: '契約ページから正式に納品(検収依頼)の手続きをしているかも、念のため確認しておきましょう。',
    lancers: 'ランサーズでは、完了報告をしないとクライアントは支払いができません。まだなら、先に完了報告をしておきましょう。',
    coconala: COCONALA_FORMAL,
    upwork: `${UPWORK_AUTO_RELEASE}契約ページから作業を提出(Submit work)しているか確認しましょう。`,
    direct: null,
    other: null,
  };
  return {
    title: title(c, '確認連絡'),
    body: paragraphs(
      `納品から${f.daysWaited}日が経ちました。多くのクライアントは、納品から1〜2日で検収してくれます。`,
      '短く丁寧に確認の連絡をするのは、ごく普通のことで、失礼にはあたりません。忙しいクライアントには、よいきっかけになります。',
      tip[f.marketplace],
      protection(c),
      sendHint(c),
    ),
    templateHeading: CLIENT_HEADING,
    template: lines(
      `${f.clientName} 様`,
      '',
      'お世話になっております。',
      `${f.deliveredOn}に「${f.title}」を納品いたしました。`,
      jobLine(c),
      'お手すきの際に内容をご確認のうえ、検収をお願いできますでしょうか。',
      '修正が必要な点がございましたら、お気軽にお申し付けください。',
      '',
      'どうぞよろしくお願いいたします。',
    ),
  };
}

function followUp(c: Context): NudgeText {
  const { f } = c;
  const lastLogIn =
    f.marketplace === 'crowdworks' || f.marketplace === 'lancers'
      ? `送る前に、クライアントのプロフィールで最終ログインを確認しましょう(${c.label}ではプロフィールに表示されます)。ログインしているのに返信がなければ、次は事務局への相談です。`
      : '送る前に、クライアントが最近活動しているかも確認しておきましょう。';
  const rule: Record<Marketplace, string | null> = {
    crowdworks: `クラウドワークスでは、クライアントに納品から${CROWDWORKS_REVIEW_GUIDELINE_WEEKS}週間を目安に検収するよう求めています。それを過ぎても反応がなければ、事務局に相談できます。`,
    lancers: `ランサーズでは、事務局に相談する前に、${LANCERS_MESSAGES_BEFORE_DESK.days}日ほどかけて${LANCERS_MESSAGES_BEFORE_DESK.messages}回程度メッセージを送るのが目安です。${LANCERS_CONTACT_REMINDER_AFTER_DAYS}日以上連絡が取れなければ「連絡催促申請」ができます。`,
    coconala: COCONALA_FORMAL,
    upwork: UPWORK_AUTO_RELEASE,
    direct: 'メールアドレスが分かる場合は、メールでも送って記録を残しましょう。',
    other: 'メールアドレスが分かる場合は、メールでも送って記録を残しましょう。',
  };
  return {
    title: title(c, '再連絡'),
    body: paragraphs(
      `納品から${f.daysWaited}日が経ちましたが、まだ検収されていません。2通目のメッセージを送りましょう。`,
      lastLogIn,
      rule[f.marketplace],
      protection(c),
      sendHint(c),
    ),
    templateHeading: CLIENT_HEADING,
    template: lines(
      `${f.clientName} 様`,
      '',
      'お世話になっております。',
      `${f.deliveredOn}に納品いたしました「${f.title}」の件で、${c.checkInSent ? '再度' : ''}ご連絡いたしました。`,
      jobLine(c),
      `${c.checkInSent ? '先日もメッセージをお送りしておりますが、' : ''}納品から${f.daysWaited}日が経過しておりますので、念のためご状況を確認させていただきたく存じます。`,
      'お忙しいところ恐れ入りますが、数日中に検収いただくか、ご状況をお知らせいただけますでしょうか。',
      '修正のご希望がございましたら、あわせてお申し付けください。',
      '',
      '何卒よろしくお願いいたします。',
    ),
  };
}

function desk(c: Context, platform: PlatformMarketplace): NudgeText {
  const { f } = c;
  const deskName = DESK[platform].ja;
  const contact = contactLine(c);
  const facts = (clientWord: string) =>
    lines(
      `・${clientWord}: ${f.clientName}`,
      `・案件名: ${f.title}`,
      f.jobUrl && `・案件URL: ${f.jobUrl}`,
      `・納品日: ${f.deliveredOn}(本日で納品から${f.daysWaited}日経過)`,
      f.amount && `・報酬額: ${f.amount}`,
      contact && `・${contact}`,
    );

  if (platform === 'upwork') {
    return {
      title: title(c, `${deskName}への相談`),
      body: paragraphs(
        `納品から${f.daysWaited}日が経ちました。${UPWORK_AUTO_RELEASE}`,
        f.daysWaited < UPWORK_AUTO_RELEASE_DAYS && `まだ${UPWORK_AUTO_RELEASE_DAYS}日たっていないため、自動で支払われる可能性があります。サポートへの問い合わせは、支払われなかった場合で十分です。`,
        `契約ページと Transaction history で、支払いが行われたか確認してください。支払われていれば、/deliver paid ${f.deliveryNumber} で記録しましょう。`,
        'まだ支払われていない場合は、Upworkのサポート(Help & support → Contact us)に、契約のリンクを添えて問い合わせましょう。サポートは英語対応のため、下の文面は英語です。',
        'この保護の対象は、入金(仮払い)済みのマイルストーンと、契約ページから提出した作業だけです。',
        noMessageYet(c),
        protection(c),
      ),
      templateHeading: `${deskName}への問い合わせ文(英語)`,
      template: upworkSupportLetter(c),
    };
  }

  const body: Record<'crowdworks' | 'lancers' | 'coconala', (string | null)[]> = {
    crowdworks: [
      `納品から${f.daysWaited}日が経ちました。クラウドワークスでは、検収期間の目安を納品から${CROWDWORKS_REVIEW_GUIDELINE_WEEKS}週間としています。`,
      'ひとりで待ち続ける必要はありません。ヘルプセンターのお問い合わせ(チャットボット・問い合わせフォーム)から、事務局にクライアントへの連絡催促を依頼しましょう。下の文面が使えます。案件画面のスクリーンショットを添えると伝わりやすくなります。',
      '事務局から連絡が入ると、すぐに検収されることも少なくありません。',
      `注意: 納品後は「契約途中終了リクエスト」を使わないでください。${CROWDWORKS_EARLY_TERMINATION_AUTO_WEEKS}週間たつと自動的に成立し、仮払いの報酬はクライアントに全額返金されます。`,
    ],
    lancers: [
      `納品から${f.daysWaited}日が経ちました。ランサーズでは、取引相手と${LANCERS_CONTACT_REMINDER_AFTER_DAYS}日以上連絡が取れない場合に「連絡催促申請」ができます。`,
      `申請すると、ランサーズが連絡期限(${LANCERS_CONTACT_REMINDER_DEADLINE_DAYS}日後)を決めてクライアントに催促します。期限までに連絡がなければ、完了報告済みの仕事は支払いが確定します。`,
      '注意: 連絡催促申請の前に、必ず「完了報告」を済ませてください。完了報告をしていないと、期限切れで仕事がキャンセルになり、仮払いはクライアントに返金されます。',
      '仕事のページの「連絡催促申請」から申請し、状況の説明に下の文面を使ってください。',
    ],
    coconala: [
      `納品から${f.daysWaited}日が経ちました。${COCONALA_RULE}`,
      'まずトークルームで、納品が「正式な納品」ボタンで送られているか確認してください。メッセージにファイルを添付しただけでは、正式な納品になりません。まだなら、すぐに正式な納品を送りましょう。',
      `取引が完了していれば、/deliver paid ${f.deliveryNumber} で記録してください。正式な納品から${COCONALA_AUTO_APPROVAL_HOURS}時間が過ぎても完了していない場合は、お問い合わせフォームから運営事務局に相談しましょう。下の文面が使えます。`,
    ],
  };
  const request: Record<'crowdworks' | 'lancers' | 'coconala', string[]> = {
    crowdworks: [
      '下記の案件について、納品後、クライアントからの検収とご連絡がない状態が続いております。',
      'お手数をおかけいたしますが、事務局からクライアントへ連絡催促をしていただけますでしょうか。',
    ],
    lancers: [
      '下記の案件について、完了報告後、クライアントからの検収とご連絡がない状態が続いております。',
      'お手数をおかけいたしますが、事務局からクライアントへ連絡催促をしていただけますでしょうか。',
    ],
    coconala: [
      '下記のお取引について、「正式な納品」を送信いたしましたが、購入者様からのご連絡がなく、取引が完了しておりません。',
      'お手数をおかけいたしますが、状況をご確認のうえ、購入者様へご連絡いただけますでしょうか。',
    ],
  };
  return {
    title: title(c, `${deskName}への相談`),
    body: paragraphs(...body[platform], noMessageYet(c), protection(c)),
    templateHeading: `${deskName}への相談文`,
    template: lines(
      `${deskName} ご担当者様`,
      '',
      'いつもお世話になっております。',
      ...request[platform],
      '',
      facts(platform === 'coconala' ? '購入者' : 'クライアント'),
      '',
      '何卒よろしくお願いいたします。',
    ),
  };
}

/** Stage 3 outside a platform: no desk, so a firmer written request to the client. */
function writtenRequest(c: Context): NudgeText {
  const { f } = c;
  const n = c.clientMessages.length;
  return {
    title: title(c, '書面での依頼'),
    body: paragraphs(
      `納品から${f.daysWaited}日が経ちました。${f.marketplace === 'direct' ? '直接取引には' : 'この取引には'}相談できる事務局がないため、次は期限を区切った正式な依頼を送ります。`,
      'メールアドレスが分かる場合は、メールでも送って記録を残しましょう。',
      protection(c),
    ),
    templateHeading: CLIENT_HEADING,
    template: lines(
      `${f.clientName} 様`,
      '',
      'お世話になっております。',
      `「${f.title}」の件で、あらためてご連絡いたします。`,
      jobLine(c),
      `${f.deliveredOn}に納品いたしましたが、納品から${f.daysWaited}日が経過した現在も、検収やご返信をいただけておりません。`,
      n > 0 && `これまでに${n}回ご連絡しております。`,
      `お手数ですが、本メッセージの送信から${FIRM_DEADLINE_DAYS}日以内に、検収またはご状況のご連絡をいただけますでしょうか。`,
      '',
      '何卒よろしくお願いいたします。',
    ),
  };
}

function recordAndWarn(c: Context): NudgeText {
  const { f } = c;
  const category = c.unpaid ? '未払い(unpaid)' : '納品後の無連絡(no_response_after_delivery)';
  const consequence = c.platform
    ? `期限までにご対応いただけない場合は、${DESK[c.platform].ja}への相談を含め、必要な対応を取らせていただきます。`
    : '期限までにご対応いただけない場合は、しかるべき対応を検討させていただきます。';
  const template = c.unpaid
    ? lines(
        `${f.clientName} 様`,
        '',
        'お世話になっております。',
        `「${f.title}」の報酬のお支払いについて、ご連絡いたします。`,
        jobLine(c),
        `${f.deliveredOn}に納品し、検収いただきましたが、本日(納品から${f.daysWaited}日)時点でお支払いを確認できておりません。`,
        amountLine(c),
        `つきましては、本メッセージの送信から${FIRM_DEADLINE_DAYS}日以内にお支払いをお願いいたします。`,
        consequence,
        '行き違いでお支払いいただいている場合は、何卒ご容赦ください。',
        '',
        '何卒よろしくお願いいたします。',
      )
    : lines(
        `${f.clientName} 様`,
        '',
        'お世話になっております。',
        `「${f.title}」の件で、あらためてご連絡いたします。`,
        jobLine(c),
        `${f.deliveredOn}に納品いたしましたが、本日で納品から${f.daysWaited}日が経過しております。`,
        c.clientMessages.length > 0
          ? 'これまでにお送りしたメッセージにも、ご返信をいただけておりません。'
          : 'これまで検収もご連絡もいただけておりません。',
        amountLine(c),
        `つきましては、本メッセージの送信から${FIRM_DEADLINE_DAYS}日以内に検収をお願いいたします。`,
        consequence,
        '',
        '何卒よろしくお願いいたします。',
      );
  return {
    title: title(c, c.unpaid ? '未払いの記録と注意喚起' : '記録と注意喚起'),
    body: paragraphs(
      c.unpaid
        ? `検収済みだが未払いのまま、納品から${f.daysWaited}日が経ちました。ここまでの経過を記録として残しましょう。`
        : `納品から${f.daysWaited}日が経ちましたが、まだ検収されていません。ここまでの経過を記録として残しましょう。`,
      ...evidence(c),
      '案件ページとメッセージのスクリーンショットも保存しておきましょう。',
      `ほかのライターが同じ目に遭わないよう、/client flag でこのクライアントをコミュニティの注意リストに報告できます(分類: ${category})。日付と起きたことだけを書き、悪口や推測は書かないでください。`,
      deskAdvice(c),
      protection(c),
      `下の文面で、期限を区切って${c.unpaid ? '支払い' : '検収'}を求めましょう。`,
    ),
    templateHeading: CLIENT_HEADING,
    template,
  };
}

function legal(c: Context): NudgeText {
  const { f } = c;
  return {
    title: title(c, '支払期日の確認(フリーランス新法)'),
    body: paragraphs(
      c.unpaid
        ? `検収済みだが未払いのまま、納品から${f.daysWaited}日が経ちました。`
        : `納品から${f.daysWaited}日が経ちましたが、まだ検収も支払いもされていません。`,
      `${FREELANCE_ACT_NAME_JA}(フリーランス新法、${formatIsoDate(FREELANCE_ACT_IN_FORCE, 'ja')}施行)により、発注事業者は成果物を受け取った日から${LEGAL_PAYMENT_DAYS}日以内に報酬を支払わなければなりません。検収が済んでいなくても、期限は受け取った日から数えます。`,
      `この納品の支払期限: ${f.legalDueOn}`,
      `この義務は、クライアントが従業員のいる事業者や、役員が${FREELANCE_ACT_MIN_OFFICERS}人以上いる法人の場合に適用されます。`,
      '下の文面で、期限を示して正式に支払いを求めましょう。',
      `無料で弁護士に相談できます: ${FREELANCE_HOTLINE.nameJa}(電話 ${FREELANCE_HOTLINE.phone})。厚生労働省の委託を受けて、第二東京弁護士会が運営しています。匿名でも相談できます。`,
      '相談の際は、これまでの記録、案件ページ、メッセージのスクリーンショットを用意しておくとスムーズです。',
      c.platform && `${DESK[c.platform].ja}にも、あわせて状況を伝えておきましょう。`,
      protection(c),
    ),
    templateHeading: CLIENT_HEADING,
    template: lines(
      `${f.clientName} 様`,
      '',
      'お世話になっております。',
      `「${f.title}」の報酬のお支払いについて、ご連絡いたします。`,
      jobLine(c),
      c.unpaid
        ? `${f.deliveredOn}に納品し、検収いただきましたが、本日時点でお支払いを確認できておりません。`
        : `${f.deliveredOn}に納品いたしましたが、本日時点で検収およびお支払いを確認できておりません。`,
      amountLine(c),
      `${FREELANCE_ACT_NAME_JA}では、発注事業者は成果物の受領日から${LEGAL_PAYMENT_DAYS}日以内に報酬を支払うこととされております。`,
      `本件の支払期限は${f.legalDueOn}です。`,
      c.unpaid
        ? `つきましては、${f.legalDueOn}までにお支払いいただけますよう、お願い申し上げます。`
        : `つきましては、${f.legalDueOn}までに検収とお支払いを完了していただけますよう、お願い申し上げます。`,
      '期限を過ぎた場合は、関係窓口への相談を含め、しかるべき対応を取らせていただきます。',
      c.unpaid && '行き違いでお支払いいただいている場合は、何卒ご容赦ください。',
      '',
      '何卒よろしくお願いいたします。',
    ),
  };
}

export const japanese: StageWriters = { checkIn, followUp, desk, writtenRequest, recordAndWarn, legal };
