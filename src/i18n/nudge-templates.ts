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
} from '../domain/facts.js';
import { STAGE_KEYS, type Stage } from '../domain/ladder.js';
import { MARKETPLACE_LABELS, type Marketplace } from '../domain/marketplace.js';
import type { Locale } from '../domain/member.js';
import type { NudgeFacts, NudgeText } from '../domain/nudge-facts.js';
import { formatIsoDate, messagesFor } from './index.js';
import { plural, pluralPhrase } from './plural.js';

/**
 * The nudge ladder's words (DESIGN.md §2): for each stage, what is happening and what to do, with
 * the marketplace's traps, and a message the writer can copy as it is. Pure: everything comes from
 * the facts, already formatted for the writer's language and time zone by the caller.
 *
 * Firmness grows stage by stage: a friendly check (1), a follow-up asking for an answer within a
 * few days (2), the platform's desk (3), a written request with a 7-day deadline (4), and the
 * Freelance Act's payment deadline (5). Never an insult, never anything about the writer.
 */
export function nudgeText(locale: Locale, facts: NudgeFacts): NudgeText {
  const c = context(locale, facts);
  const w = locale === 'ja' ? JAPANESE : ENGLISH;
  switch (c.f.stage) {
    case 1:
      return w.checkIn(c);
    case 2:
      return w.followUp(c);
    case 3:
      return c.platform ? w.desk(c, c.platform) : w.writtenRequest(c);
    case 4:
      return w.recordAndWarn(c);
    case 5:
      return w.legal(c);
  }
}

/** One language's writer for each stage. */
interface StageWriters {
  checkIn(c: Context): NudgeText;
  followUp(c: Context): NudgeText;
  desk(c: Context, platform: PlatformMarketplace): NudgeText;
  /** Stage 3 outside a platform, where there is no desk to ask. */
  writtenRequest(c: Context): NudgeText;
  recordAndWarn(c: Context): NudgeText;
  legal(c: Context): NudgeText;
}

const PLATFORM_MARKETPLACES = ['crowdworks', 'lancers', 'coconala', 'upwork'] as const;
type PlatformMarketplace = (typeof PLATFORM_MARKETPLACES)[number];

function isPlatform(m: Marketplace): m is PlatformMarketplace {
  return (PLATFORM_MARKETPLACES as readonly Marketplace[]).includes(m);
}

/** Who answers on each platform, by the name writers use for it. */
const DESK: Record<PlatformMarketplace, Record<Locale, string>> = {
  crowdworks: { ja: `${MARKETPLACE_LABELS.crowdworks.ja}事務局`, en: `${MARKETPLACE_LABELS.crowdworks.en} support` },
  lancers: { ja: `${MARKETPLACE_LABELS.lancers.ja}事務局`, en: `${MARKETPLACE_LABELS.lancers.en} support` },
  coconala: { ja: `${MARKETPLACE_LABELS.coconala.ja}運営事務局`, en: `${MARKETPLACE_LABELS.coconala.en} support` },
  upwork: { ja: `${MARKETPLACE_LABELS.upwork.ja}サポート`, en: `${MARKETPLACE_LABELS.upwork.en} Support` },
};

interface Context {
  f: NudgeFacts;
  locale: Locale;
  /** The marketplace when it has a desk and escrow Kenshu knows about; null for direct/other. */
  platform: PlatformMarketplace | null;
  label: string;
  /** Accepted but not paid: stages 4–5 chase payment, not review. */
  unpaid: boolean;
  /** Earlier nudges that asked the writer to message the client, with their dates. */
  clientMessages: (string | null)[];
  /** False when the check-in was skipped or never reached the writer. */
  checkInSent: boolean;
}

function context(locale: Locale, f: NudgeFacts): Context {
  const platform = isPlatform(f.marketplace) ? f.marketplace : null;
  const messageStages: readonly Stage[] = platform ? [1, 2] : [1, 2, 3];
  return {
    f,
    locale,
    platform,
    label: MARKETPLACE_LABELS[f.marketplace][locale],
    unpaid: f.status === 'accepted',
    clientMessages: f.history.filter((h) => h.outcome === 'sent' && h.stage < f.stage && messageStages.includes(h.stage)).map((h) => h.on),
    checkInSent: !f.history.some((h) => h.stage === 1 && h.outcome !== 'sent'),
  };
}

/** Joins the lines that apply; false, null and undefined are left out. */
function lines(...parts: (string | false | null | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === 'string').join('\n');
}

function paragraphs(...parts: (string | false | null | undefined)[]): string[] {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0);
}

function stageName(locale: Locale, stage: Stage): string {
  return messagesFor(locale).stage[STAGE_KEYS[stage]].name;
}

// ───────────────────────────── 日本語 ─────────────────────────────


const JA_CLIENT_HEADING = 'クライアントへのメッセージ';

function jaTitle(c: Context, what: string): string {
  return `${c.f.daysWaited}日目・#${c.f.deliveryNumber}「${c.f.title}」の${what}`;
}

function jaJobLine(c: Context): string | null {
  return c.f.jobUrl ? `案件ページ: ${c.f.jobUrl}` : null;
}

function jaAmountLine(c: Context): string | null {
  return c.f.amount ? `報酬額: ${c.f.amount}` : null;
}

/** Escrow and platform-protection notes, wherever they matter. */
function jaProtection(c: Context): string | null {
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

function jaSendHint(c: Context): string {
  return c.platform
    ? '下の文面を、案件のメッセージ欄からクライアントに送ってください。'
    : '下の文面を、クライアントとのやり取りに使っているメールやチャットで送ってください。';
}

const JA_COCONALA_RULE =
  `ココナラでは、「正式な納品」から${COCONALA_AUTO_APPROVAL_HOURS}時間以内に購入者が承諾も差し戻しもしなければ、自動で承諾されて取引が完了します。`;
const JA_COCONALA_FORMAL = `${JA_COCONALA_RULE}納品が「正式な納品」ボタンで送られているか確認してください。`;
const JA_UPWORK_AUTO_RELEASE =
  `Upworkの固定報酬契約では、作業の提出から${UPWORK_AUTO_RELEASE_DAYS}日以内にクライアントが承認も修正依頼もしなければ、マイルストーンの報酬が自動で支払われます。`;

function jaCheckIn(c: Context): NudgeText {
  const { f } = c;
  const tip: Record<Marketplace, string | null> = {
    crowdworks: '契約ページから正式に納品(検収依頼)の手続きをしているかも、念のため確認しておきましょう。',
    lancers: 'ランサーズでは、完了報告をしないとクライアントは支払いができません。まだなら、先に完了報告をしておきましょう。',
    coconala: JA_COCONALA_FORMAL,
    upwork: `${JA_UPWORK_AUTO_RELEASE}契約ページから作業を提出(Submit work)しているか確認しましょう。`,
    direct: null,
    other: null,
  };
  return {
    title: jaTitle(c, '確認連絡'),
    body: paragraphs(
      `納品から${f.daysWaited}日が経ちました。多くのクライアントは、納品から1〜2日で検収してくれます。`,
      '短く丁寧に確認の連絡をするのは、ごく普通のことで、失礼にはあたりません。忙しいクライアントには、よいきっかけになります。',
      tip[f.marketplace],
      jaProtection(c),
      jaSendHint(c),
    ),
    templateHeading: JA_CLIENT_HEADING,
    template: lines(
      `${f.clientName} 様`,
      '',
      'お世話になっております。',
      `${f.deliveredOn}に「${f.title}」を納品いたしました。`,
      jaJobLine(c),
      'お手すきの際に内容をご確認のうえ、検収をお願いできますでしょうか。',
      '修正が必要な点がございましたら、お気軽にお申し付けください。',
      '',
      'どうぞよろしくお願いいたします。',
    ),
  };
}

function jaFollowUp(c: Context): NudgeText {
  const { f } = c;
  const lastLogIn =
    f.marketplace === 'crowdworks' || f.marketplace === 'lancers'
      ? `送る前に、クライアントのプロフィールで最終ログインを確認しましょう(${c.label}ではプロフィールに表示されます)。ログインしているのに返信がなければ、次は事務局への相談です。`
      : '送る前に、クライアントが最近活動しているかも確認しておきましょう。';
  const rule: Record<Marketplace, string | null> = {
    crowdworks: `クラウドワークスでは、クライアントに納品から${CROWDWORKS_REVIEW_GUIDELINE_WEEKS}週間を目安に検収するよう求めています。それを過ぎても反応がなければ、事務局に相談できます。`,
    lancers: `ランサーズでは、事務局に相談する前に、${LANCERS_MESSAGES_BEFORE_DESK.days}日ほどかけて${LANCERS_MESSAGES_BEFORE_DESK.messages}回程度メッセージを送るのが目安です。${LANCERS_CONTACT_REMINDER_AFTER_DAYS}日以上連絡が取れなければ「連絡催促申請」ができます。`,
    coconala: JA_COCONALA_FORMAL,
    upwork: JA_UPWORK_AUTO_RELEASE,
    direct: 'メールアドレスが分かる場合は、メールでも送って記録を残しましょう。',
    other: 'メールアドレスが分かる場合は、メールでも送って記録を残しましょう。',
  };
  return {
    title: jaTitle(c, '再連絡'),
    body: paragraphs(
      `納品から${f.daysWaited}日が経ちましたが、まだ検収されていません。2通目のメッセージを送りましょう。`,
      lastLogIn,
      rule[f.marketplace],
      jaProtection(c),
      jaSendHint(c),
    ),
    templateHeading: JA_CLIENT_HEADING,
    template: lines(
      `${f.clientName} 様`,
      '',
      'お世話になっております。',
      `${f.deliveredOn}に納品いたしました「${f.title}」の件で、${c.checkInSent ? '再度' : ''}ご連絡いたしました。`,
      jaJobLine(c),
      `${c.checkInSent ? '先日もメッセージをお送りしておりますが、' : ''}納品から${f.daysWaited}日が経過しておりますので、念のためご状況を確認させていただきたく存じます。`,
      'お忙しいところ恐れ入りますが、数日中に検収いただくか、ご状況をお知らせいただけますでしょうか。',
      '修正のご希望がございましたら、あわせてお申し付けください。',
      '',
      '何卒よろしくお願いいたします。',
    ),
  };
}

function jaContactLine(c: Context, bullet: string): string | null {
  const n = c.clientMessages.length;
  if (n === 0) return null;
  const dates = c.clientMessages.filter((d): d is string => d !== null);
  return `${bullet}クライアントへの連絡: ${n}回${dates.length > 0 ? `(${dates.join('、')})` : ''}、${n > 1 ? 'いずれも' : ''}返信なし`;
}

function jaDesk(c: Context, platform: PlatformMarketplace): NudgeText {
  const { f } = c;
  const desk = DESK[platform].ja;
  const noMessageYet =
    c.clientMessages.length === 0
      ? 'Kenshuにはクライアントへの連絡の記録がありません。事務局は通常、先に一度クライアントへ連絡することを求めます。まだなら先に確認のメッセージを送りましょう。'
      : null;
  const facts = (clientWord: string) =>
    lines(
      `・${clientWord}: ${f.clientName}`,
      `・案件名: ${f.title}`,
      f.jobUrl && `・案件URL: ${f.jobUrl}`,
      `・納品日: ${f.deliveredOn}(本日で納品から${f.daysWaited}日経過)`,
      f.amount && `・報酬額: ${f.amount}`,
      jaContactLine(c, '・'),
    );

  if (platform === 'upwork') {
    return {
      title: jaTitle(c, `${desk}への相談`),
      body: paragraphs(
        `納品から${f.daysWaited}日が経ちました。${JA_UPWORK_AUTO_RELEASE}`,
        f.daysWaited < UPWORK_AUTO_RELEASE_DAYS && `まだ${UPWORK_AUTO_RELEASE_DAYS}日たっていないため、自動で支払われる可能性があります。サポートへの問い合わせは、支払われなかった場合で十分です。`,
        `契約ページと Transaction history で、支払いが行われたか確認してください。支払われていれば、/deliver paid ${f.deliveryNumber} で記録しましょう。`,
        'まだ支払われていない場合は、Upworkのサポート(Help & support → Contact us)に、契約のリンクを添えて問い合わせましょう。サポートは英語対応のため、下の文面は英語です。',
        'この保護の対象は、入金(仮払い)済みのマイルストーンと、契約ページから提出した作業だけです。',
        noMessageYet,
        jaProtection(c),
      ),
      templateHeading: `${desk}への問い合わせ文(英語)`,
      template: upworkSupportTemplate(c),
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
      `納品から${f.daysWaited}日が経ちました。${JA_COCONALA_RULE}`,
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
    title: jaTitle(c, `${desk}への相談`),
    body: paragraphs(...body[platform], noMessageYet, jaProtection(c)),
    templateHeading: `${desk}への相談文`,
    template: lines(
      `${desk} ご担当者様`,
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
function jaWrittenRequest(c: Context): NudgeText {
  const { f } = c;
  const n = c.clientMessages.length;
  return {
    title: jaTitle(c, '書面での依頼'),
    body: paragraphs(
      `納品から${f.daysWaited}日が経ちました。${f.marketplace === 'direct' ? '直接取引には' : 'この取引には'}相談できる事務局がないため、次は期限を区切った正式な依頼を送ります。`,
      'メールアドレスが分かる場合は、メールでも送って記録を残しましょう。',
      jaProtection(c),
    ),
    templateHeading: JA_CLIENT_HEADING,
    template: lines(
      `${f.clientName} 様`,
      '',
      'お世話になっております。',
      `「${f.title}」の件で、あらためてご連絡いたします。`,
      jaJobLine(c),
      `${f.deliveredOn}に納品いたしましたが、納品から${f.daysWaited}日が経過した現在も、検収やご返信をいただけておりません。`,
      n > 0 && `これまでに${n}回ご連絡しております。`,
      `お手数ですが、本メッセージの送信から${FIRM_DEADLINE_DAYS}日以内に、検収またはご状況のご連絡をいただけますでしょうか。`,
      '',
      '何卒よろしくお願いいたします。',
    ),
  };
}

const JA_OUTCOME: Record<NudgeFacts['history'][number]['outcome'], string> = {
  sent: '',
  skipped: 'スキップ',
  unreachable: 'DMが届かず',
  failed: '送信できず',
};

function jaEvidence(c: Context): string[] {
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
      return `・${name}: ${JA_OUTCOME[h.outcome]}${h.on ? `(${h.on})` : ''}`;
    }),
  ];
}

function jaDeskAdvice(c: Context): string | null {
  if (!c.platform) return null;
  const desk = DESK[c.platform].ja;
  return `${desk}にまだ相談していなければ、今すぐ相談しましょう。相談済みで解決していなければ、このまとめを添えて再度相談してください。`;
}

function jaRecordAndWarn(c: Context): NudgeText {
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
        jaJobLine(c),
        `${f.deliveredOn}に納品し、検収いただきましたが、本日(納品から${f.daysWaited}日)時点でお支払いを確認できておりません。`,
        jaAmountLine(c),
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
        jaJobLine(c),
        `${f.deliveredOn}に納品いたしましたが、本日で納品から${f.daysWaited}日が経過しております。`,
        c.clientMessages.length > 0
          ? 'これまでにお送りしたメッセージにも、ご返信をいただけておりません。'
          : 'これまで検収もご連絡もいただけておりません。',
        jaAmountLine(c),
        `つきましては、本メッセージの送信から${FIRM_DEADLINE_DAYS}日以内に検収をお願いいたします。`,
        consequence,
        '',
        '何卒よろしくお願いいたします。',
      );
  return {
    title: jaTitle(c, c.unpaid ? '未払いの記録と注意喚起' : '記録と注意喚起'),
    body: paragraphs(
      c.unpaid
        ? `検収済みだが未払いのまま、納品から${f.daysWaited}日が経ちました。ここまでの経過を記録として残しましょう。`
        : `納品から${f.daysWaited}日が経ちましたが、まだ検収されていません。ここまでの経過を記録として残しましょう。`,
      ...jaEvidence(c),
      '案件ページとメッセージのスクリーンショットも保存しておきましょう。',
      `ほかのライターが同じ目に遭わないよう、/client flag でこのクライアントをコミュニティの注意リストに報告できます(分類: ${category})。日付と起きたことだけを書き、悪口や推測は書かないでください。`,
      jaDeskAdvice(c),
      jaProtection(c),
      `下の文面で、期限を区切って${c.unpaid ? '支払い' : '検収'}を求めましょう。`,
    ),
    templateHeading: JA_CLIENT_HEADING,
    template,
  };
}

function jaLegal(c: Context): NudgeText {
  const { f } = c;
  return {
    title: jaTitle(c, '支払期日の確認(フリーランス新法)'),
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
      jaProtection(c),
    ),
    templateHeading: JA_CLIENT_HEADING,
    template: lines(
      `${f.clientName} 様`,
      '',
      'お世話になっております。',
      `「${f.title}」の報酬のお支払いについて、ご連絡いたします。`,
      jaJobLine(c),
      c.unpaid
        ? `${f.deliveredOn}に納品し、検収いただきましたが、本日時点でお支払いを確認できておりません。`
        : `${f.deliveredOn}に納品いたしましたが、本日時点で検収およびお支払いを確認できておりません。`,
      jaAmountLine(c),
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

// ───────────────────────────── English ─────────────────────────────


const EN_CLIENT_HEADING = 'Message to the client';

function days(n: number): string {
  return plural(n, { one: 'day', other: 'days' });
}

function weeks(n: number): string {
  return pluralPhrase(n, { one: 'a week', other: '# weeks' });
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** Small counts in running text are spelled out ("about three messages"), larger ones are digits. */
function spelled(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

function enTitle(c: Context, what: string): string {
  return `Day ${c.f.daysWaited} · ${what} for #${c.f.deliveryNumber} “${c.f.title}”`;
}

function enJobLine(c: Context): string | null {
  return c.f.jobUrl ? `Job: ${c.f.jobUrl}` : null;
}

function enAmountLine(c: Context): string | null {
  return c.f.amount ? `Amount: ${c.f.amount}` : null;
}

function enProtection(c: Context): string | null {
  if (!c.platform) {
    return c.f.marketplace === 'direct'
      ? 'A direct deal has no platform protection: keep records of your messages, the agreed terms and invoices.'
      : 'Do not count on a platform to protect this deal: keep records of your messages, the agreed terms and invoices.';
  }
  if (c.f.escrow === 'not_funded') {
    const ask = c.platform === 'upwork' ? 'fund the milestone' : 'fund escrow (仮払い)';
    return `Escrow is not funded: stop any further work and ask the client to ${ask} first. Without it, ${c.label} cannot protect your payment.`;
  }
  if (c.f.escrow === 'unknown') {
    return 'Check on the job page whether the client funded escrow (仮払い). If not, do no more work until they do.';
  }
  return null;
}

function enSendHint(c: Context): string {
  return c.platform
    ? "Copy the message below and send it in the job's message thread."
    : 'Copy the message below and send it by the email or chat you use with the client.';
}

const COCONALA_RULE_EN = `On Coconala, a deal closes automatically ${COCONALA_AUTO_APPROVAL_HOURS} hours after a formal delivery (正式な納品) if the buyer neither approves nor sends it back.`;
const EN_COCONALA_FORMAL = `${COCONALA_RULE_EN} Check that you delivered with the formal delivery button.`;
const EN_UPWORK_AUTO_RELEASE =
  `On an Upwork fixed-price contract, a milestone's funds are released automatically ${UPWORK_AUTO_RELEASE_DAYS} days after you submit the work if the client neither approves it nor requests changes.`;

function enCheckIn(c: Context): NudgeText {
  const { f } = c;
  const tip: Record<Marketplace, string | null> = {
    crowdworks: "Make sure you delivered through the contract page's delivery button (納品), so the client got the review request.",
    lancers: 'On Lancers the client cannot pay until you file the completion report (完了報告). If you have not, file it now.',
    coconala: EN_COCONALA_FORMAL,
    upwork: `${EN_UPWORK_AUTO_RELEASE} Make sure you submitted it from the contract page (Submit work).`,
    direct: null,
    other: null,
  };
  return {
    title: enTitle(c, 'Check-in'),
    body: paragraphs(
      `It has been ${days(f.daysWaited)} since you delivered. Most clients review within a day or two.`,
      'A short, polite check is normal and not rude: it often just reminds a busy client.',
      tip[f.marketplace],
      enProtection(c),
      enSendHint(c),
    ),
    templateHeading: EN_CLIENT_HEADING,
    template: lines(
      `Hi ${f.clientName},`,
      '',
      `I hope you are well. I delivered “${f.title}” on ${f.deliveredOn}.`,
      enJobLine(c),
      'When you have a moment, could you please review it?',
      'If anything needs revising, just let me know and I will be happy to update it.',
      '',
      'Thank you.',
    ),
  };
}

function enFollowUp(c: Context): NudgeText {
  const { f } = c;
  const lastLogIn =
    f.marketplace === 'crowdworks' || f.marketplace === 'lancers'
      ? `Before you send it, check the client's last log-in on their profile (${c.label} shows it). If they log in but do not answer, the platform's desk is the next step.`
      : 'Before you send it, check whether the client has been active recently.';
  const rule: Record<Marketplace, string | null> = {
    crowdworks: `CrowdWorks asks clients to review within about ${weeks(CROWDWORKS_REVIEW_GUIDELINE_WEEKS)} of delivery. If there is still no answer after that, you can ask its desk to step in.`,
    lancers: `On Lancers, about ${spelled(LANCERS_MESSAGES_BEFORE_DESK.messages)} messages over about ${spelled(LANCERS_MESSAGES_BEFORE_DESK.days)} days are expected before asking the platform. After ${LANCERS_CONTACT_REMINDER_AFTER_DAYS} days without contact you can request a contact reminder (連絡催促申請).`,
    coconala: EN_COCONALA_FORMAL,
    upwork: EN_UPWORK_AUTO_RELEASE,
    direct: "If you have the client's email address, send it by email too and keep a copy.",
    other: "If you have the client's email address, send it by email too and keep a copy.",
  };
  return {
    title: enTitle(c, 'Follow-up'),
    body: paragraphs(
      `It has been ${days(f.daysWaited)} since you delivered and the client has not reviewed it yet. Time for a second message.`,
      lastLogIn,
      rule[f.marketplace],
      enProtection(c),
      enSendHint(c),
    ),
    templateHeading: EN_CLIENT_HEADING,
    template: lines(
      `Hi ${f.clientName},`,
      '',
      c.checkInSent
        ? `I am following up on my earlier message about “${f.title}”, which I delivered on ${f.deliveredOn}.`
        : `I am writing about “${f.title}”, which I delivered on ${f.deliveredOn}.`,
      enJobLine(c),
      `It has now been ${days(f.daysWaited)}, so I wanted to check that everything is all right.`,
      'Could you please review the work, or let me know the status, within the next few days?',
      'If you would like any changes, I am happy to make them.',
      '',
      'Thank you.',
    ),
  };
}

function enContactLine(c: Context): string | null {
  const n = c.clientMessages.length;
  if (n === 0) return null;
  const dates = c.clientMessages.filter((d): d is string => d !== null);
  return `Messages sent to the client: ${n}${dates.length > 0 ? ` (${dates.join('; ')})` : ''}, no reply`;
}

/** Upwork's support answers in English, so this one is English in both languages. */
function upworkSupportTemplate(c: Context): string {
  const { f } = c;
  return lines(
    'Hello Upwork Support,',
    '',
    `I submitted work for a fixed-price milestone on ${f.deliveredOn}, and ${days(f.daysWaited)} have passed.`,
    f.daysWaited >= UPWORK_AUTO_RELEASE_DAYS
      ? `The client has not approved it or requested changes, and the funds were not released automatically after ${UPWORK_AUTO_RELEASE_DAYS} days.`
      : 'The client has not approved it, requested changes or replied to my messages.',
    'Could you please look into this contract and help release the payment?',
    '',
    `Client: ${f.clientName}`,
    `Contract: ${f.title}`,
    f.jobUrl && `Contract link: ${f.jobUrl}`,
    `Submitted: ${f.deliveredOn} (${days(f.daysWaited)} ago)`,
    f.amount && `Amount: ${f.amount}`,
    enContactLine(c),
    '',
    'Thank you for your help.',
  );
}

function enDesk(c: Context, platform: PlatformMarketplace): NudgeText {
  const { f } = c;
  const desk = DESK[platform].en;
  const noMessageYet =
    c.clientMessages.length === 0
      ? 'Kenshu has no record of a message to the client. Desks usually expect you to contact the client once first, so send the check-in message first if you have not.'
      : null;

  if (platform === 'upwork') {
    return {
      title: enTitle(c, `Ask ${desk}`),
      body: paragraphs(
        `It has been ${days(f.daysWaited)} since you submitted the work. ${EN_UPWORK_AUTO_RELEASE}`,
        f.daysWaited < UPWORK_AUTO_RELEASE_DAYS && `The ${UPWORK_AUTO_RELEASE_DAYS} days have not passed yet, so the payment may still be released by itself: contact support only if it is not.`,
        `Check the contract page and your transaction history. If the payment was released, record it with /deliver paid ${f.deliveryNumber}.`,
        'If it was not, contact Upwork Support (Help & support → Contact us) with the link to the contract. The message below is ready to send.',
        'This protection covers only funded milestones and work submitted from the contract page.',
        noMessageYet,
        enProtection(c),
      ),
      templateHeading: `Request to ${desk}`,
      template: upworkSupportTemplate(c),
    };
  }

  const body: Record<'crowdworks' | 'lancers' | 'coconala', string[]> = {
    crowdworks: [
      `It has been ${days(f.daysWaited)} since you delivered. CrowdWorks asks clients to review within about ${weeks(CROWDWORKS_REVIEW_GUIDELINE_WEEKS)} of delivery.`,
      "No need to keep waiting alone: ask CrowdWorks support (お問い合わせ, the help centre's chatbot or contact form) to contact the client (連絡催促). The message below is ready to use; a screenshot of the job page helps.",
      'Clients often review right away once the desk contacts them.',
      `Warning: after delivering, do not use the early-termination request (契約途中終了リクエスト). It is granted automatically after ${weeks(CROWDWORKS_EARLY_TERMINATION_AUTO_WEEKS)} and refunds the escrowed fee to the client.`,
    ],
    lancers: [
      `It has been ${days(f.daysWaited)} since you delivered. On Lancers you can request a contact reminder (連絡催促申請) after ${LANCERS_CONTACT_REMINDER_AFTER_DAYS} days without contact.`,
      `Lancers then sets the client a deadline (${LANCERS_CONTACT_REMINDER_DEADLINE_DAYS} days later). If the client stays silent, a job whose completion report was filed is paid.`,
      'Warning: file the completion report (完了報告) BEFORE you request the contact reminder. Without it, the job is cancelled at the deadline and the escrow is refunded to the client.',
      "Request it from the job's page (連絡催促申請) and use the message below to explain.",
    ],
    coconala: [
      `It has been ${days(f.daysWaited)} since you delivered. ${COCONALA_RULE_EN}`,
      'First check in the talk room that you delivered with the formal delivery button. Attaching a file to a message is not a formal delivery; if you have not made one, do it now.',
      `If the deal has closed, record it with /deliver paid ${f.deliveryNumber}. If it is still open more than ${COCONALA_AUTO_APPROVAL_HOURS} hours after the formal delivery, contact Coconala support through its contact form. The message below is ready to use.`,
    ],
  };
  const request: Record<'crowdworks' | 'lancers' | 'coconala', string[]> = {
    crowdworks: [
      'Since I delivered the job below, the client has not reviewed it or replied.',
      'Could you please contact the client and ask them to respond?',
    ],
    lancers: [
      'Since I filed the completion report for the job below, the client has not reviewed it or replied.',
      'Could you please contact the client and ask them to respond?',
    ],
    coconala: [
      'I sent a formal delivery for the order below, but the buyer has not replied and the deal has not closed.',
      'Could you please look into it and contact the buyer?',
    ],
  };
  return {
    title: enTitle(c, `Ask ${desk}`),
    body: paragraphs(...body[platform], noMessageYet, enProtection(c)),
    templateHeading: `Request to ${desk}`,
    template: lines(
      `Hello ${desk},`,
      '',
      ...request[platform],
      '',
      `${platform === 'coconala' ? 'Buyer' : 'Client'}: ${f.clientName}`,
      `Job: ${f.title}`,
      f.jobUrl && `Job URL: ${f.jobUrl}`,
      `Delivered: ${f.deliveredOn} (${days(f.daysWaited)} ago)`,
      f.amount && `Amount: ${f.amount}`,
      enContactLine(c),
      '',
      'Thank you for your help.',
    ),
  };
}

function enWrittenRequest(c: Context): NudgeText {
  const { f } = c;
  const n = c.clientMessages.length;
  return {
    title: enTitle(c, 'Written request'),
    body: paragraphs(
      `It has been ${days(f.daysWaited)} since you delivered. There is no platform desk to ask here, so the next step is a firmer written request with a deadline.`,
      "If you have the client's email address, send it by email too and keep a copy.",
      enProtection(c),
    ),
    templateHeading: EN_CLIENT_HEADING,
    template: lines(
      `Dear ${f.clientName},`,
      '',
      `I am writing again about “${f.title}”, which I delivered on ${f.deliveredOn}.`,
      enJobLine(c),
      `It has now been ${days(f.daysWaited)}, and I have not received a review or a reply.`,
      n > 0 && `I have written to you ${pluralPhrase(n, { one: 'once', other: '# times' })} so far.`,
      `Could you please review the work, or let me know the status, within ${FIRM_DEADLINE_DAYS} days of this message?`,
      '',
      'Best regards',
    ),
  };
}

const EN_OUTCOME: Record<NudgeFacts['history'][number]['outcome'], string> = {
  sent: '',
  skipped: 'skipped',
  unreachable: 'not delivered to you',
  failed: 'could not be sent',
};

function enEvidence(c: Context): string[] {
  const { f } = c;
  return [
    'Evidence so far:',
    `• Client: ${f.clientName}`,
    `• Job: ${f.title}`,
    ...(f.jobUrl ? [`• Job URL: ${f.jobUrl}`] : []),
    `• Delivered: ${f.deliveredOn}`,
    `• Days waited: ${f.daysWaited}`,
    `• Status: ${c.unpaid ? 'accepted but not paid' : 'awaiting review'}`,
    ...(f.amount ? [`• Amount: ${f.amount}`] : []),
    ...f.history.map((h) => {
      const name = stageName('en', h.stage);
      if (h.outcome === 'sent') return `• ${name}: ${h.on ?? 'sent'}`;
      return `• ${name}: ${EN_OUTCOME[h.outcome]}${h.on ? ` (${h.on})` : ''}`;
    }),
  ];
}

function enRecordAndWarn(c: Context): NudgeText {
  const { f } = c;
  const category = c.unpaid ? 'unpaid' : 'no_response_after_delivery';
  const consequence = c.platform
    ? `If I do not hear from you by then, I will ask ${DESK[c.platform].en} to step in.`
    : 'If I do not hear from you by then, I will consider the appropriate next steps.';
  const template = c.unpaid
    ? lines(
        `Dear ${f.clientName},`,
        '',
        `Thank you for accepting “${f.title}”, which I delivered on ${f.deliveredOn}.`,
        enJobLine(c),
        `As of today, ${days(f.daysWaited)} after delivery, I have not received the payment.`,
        enAmountLine(c),
        `Please make the payment within ${FIRM_DEADLINE_DAYS} days of this message.`,
        consequence,
        'If you have already paid, please disregard this message.',
        '',
        'Best regards',
      )
    : lines(
        `Dear ${f.clientName},`,
        '',
        `I am writing again about “${f.title}”, which I delivered on ${f.deliveredOn}.`,
        enJobLine(c),
        c.clientMessages.length > 0
          ? `It has now been ${days(f.daysWaited)}, and I have not received a review or a reply to my previous messages.`
          : `It has now been ${days(f.daysWaited)}, and I have not received a review or a reply.`,
        enAmountLine(c),
        `Please review the work within ${FIRM_DEADLINE_DAYS} days of this message.`,
        consequence,
        '',
        'Best regards',
      );
  return {
    title: enTitle(c, c.unpaid ? 'Unpaid: record & warn' : 'Record & warn'),
    body: paragraphs(
      c.unpaid
        ? `The work was accepted but not paid, ${days(f.daysWaited)} after delivery. Time to keep a record of what happened.`
        : `It has been ${days(f.daysWaited)} since you delivered and the client has not reviewed it. Time to keep a record of what happened.`,
      ...enEvidence(c),
      'Save screenshots of the job page and your messages too.',
      `To spare other writers, you can flag this client in the community warning list with /client flag (category: ${category}). Stick to dates and facts: no insults, no guesses.`,
      c.platform &&
        `If you have not asked ${DESK[c.platform].en} yet, do it now. If you did and nothing changed, contact them again with this summary.`,
      enProtection(c),
      `The message below asks for ${c.unpaid ? 'payment' : 'a review'} by a firm deadline.`,
    ),
    templateHeading: EN_CLIENT_HEADING,
    template,
  };
}

function enLegal(c: Context): NudgeText {
  const { f } = c;
  return {
    title: enTitle(c, 'Legal payment deadline'),
    body: paragraphs(
      c.unpaid
        ? `The work was accepted but not paid, ${days(f.daysWaited)} after delivery.`
        : `It has been ${days(f.daysWaited)} since you delivered, and the work is neither reviewed nor paid.`,
      `Under Japan's Freelance Act (${FREELANCE_ACT_NAME_JA}, in force since ${formatIsoDate(FREELANCE_ACT_IN_FORCE, 'en')}), a business must pay a freelancer within ${LEGAL_PAYMENT_DAYS} days of receiving the work, whether or not it has reviewed it.`,
      `Payment deadline for this delivery: ${f.legalDueOn}`,
      `The duty applies when the client is a business with employees, or a company with ${spelled(FREELANCE_ACT_MIN_OFFICERS)} or more officers.`,
      'The message below asks formally for payment by that deadline.',
      `Free advice from a lawyer: Freelance Trouble 110 (${FREELANCE_HOTLINE.nameJa}), phone ${FREELANCE_HOTLINE.phone}, run by the Daini Tokyo Bar Association for the Ministry of Health, Labour and Welfare. You can stay anonymous.`,
      'Have your records, the job page and screenshots of your messages ready when you call.',
      c.platform && `Tell ${DESK[c.platform].en} about it as well.`,
      enProtection(c),
    ),
    templateHeading: EN_CLIENT_HEADING,
    template: lines(
      `Dear ${f.clientName},`,
      '',
      `I am writing about the payment for “${f.title}”, which I delivered on ${f.deliveredOn}.`,
      enJobLine(c),
      c.unpaid
        ? 'Thank you for accepting it. As of today, however, I have not received the payment.'
        : 'As of today, the work has not been accepted or paid.',
      enAmountLine(c),
      `Under Japan's Freelance Act, a business that commissions work from a freelancer must pay within ${LEGAL_PAYMENT_DAYS} days of receiving it.`,
      `For this work, the deadline is ${f.legalDueOn}.`,
      c.unpaid
        ? `Please make the payment by ${f.legalDueOn}.`
        : `Please complete the acceptance and the payment by ${f.legalDueOn}.`,
      'If it is not paid by then, I will seek advice from the relevant public services and take the appropriate steps.',
      c.unpaid && 'If you have already paid, please disregard this message.',
      '',
      'Sincerely',
    ),
  };
}

const JAPANESE: StageWriters = {
  checkIn: jaCheckIn,
  followUp: jaFollowUp,
  desk: jaDesk,
  writtenRequest: jaWrittenRequest,
  recordAndWarn: jaRecordAndWarn,
  legal: jaLegal,
};

const ENGLISH: StageWriters = {
  checkIn: enCheckIn,
  followUp: enFollowUp,
  desk: enDesk,
  writtenRequest: enWrittenRequest,
  recordAndWarn: enRecordAndWarn,
  legal: enLegal,
};
