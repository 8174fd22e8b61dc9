import {
  COCONALA_AUTO_APPROVAL_HOURS,
  CROWDWORKS_EARLY_TERMINATION_AUTO_WEEKS,
  CROWDWORKS_REVIEW_GUIDELINE_WEEKS,
  FREELANCE_ACT_IN_FORCE,
  FREELANCE_ACT_MIN_OFFICERS,
  FREELANCE_ACT_NAME_JA,
  FREELANCE_ACT_REPORT_DESK,
  FREELANCE_HOTLINE,
  LANCERS_CONTACT_REMINDER_AFTER_DAYS,
  LANCERS_CONTACT_REMINDER_DEADLINE_DAYS,
  LANCERS_MESSAGES_BEFORE_DESK,
  LEGAL_PAYMENT_DAYS,
  SMALL_CLAIMS_MAX_YEN,
  UPWORK_AUTO_RELEASE_DAYS,
} from '../../domain/facts.js';
import type { Marketplace } from '../../domain/marketplace.js';
import type { NudgeLetter, NudgeText } from '../../domain/nudge-facts.js';
import { formatIsoDate } from '../format.js';
import { DESK, lines, paragraphs, type Context, type PlatformMarketplace, type StageWriters } from '../nudges/shared.js';
import { deskAdvice, deskLetter } from './desk-letters.js';
import { ja as messages } from './messages.js';
import { CLOSING, list, NAME } from './words.js';

/**
 * The nudges in Japanese (see shared/JAPANESE.md): advice to the writer in plain です・ます,
 * letters to the client and the desks in business 敬語, a little firmer at each stage. Letters
 * state earlier contacts only from the writer's confirmed record, give dates rather than "within
 * N days", and leave the writer's name for them to fill in. Laid out like src/i18n/en/nudges.ts.
 */

const CLIENT_HEADING = 'クライアントへのメッセージ';

// ─── Pieces every stage uses ───

function when(c: Context): string {
  return c.f.daysWaited === 0 ? '納品当日' : `納品から${c.f.daysWaited}日後`;
}

function title(c: Context, what: string): string {
  return `#${c.f.deliveryNumber}「${c.f.title}」の${what}(${when(c)})`;
}

/** 株式会社アクメ ご担当者様 / 山田様 / ご担当者様. */
function salutation(c: Context): string {
  const { clientName, clientIsBusiness } = c.f;
  if (!clientName) return 'ご担当者様';
  return clientIsBusiness ? `${clientName} ご担当者様` : `${clientName}様`;
}

function opening(c: Context): string[] {
  return [salutation(c), '', 'お世話になっております。', `${NAME}です。`];
}

function jobLine(c: Context): string | null {
  return c.f.jobUrl ? `案件ページ: ${c.f.jobUrl}` : null;
}

/**
 * Confirmed contacts the client has not answered, said once: nothing when none were confirmed.
 * `alreadySaid`: the letter has just said nothing came back, so only the dates are added.
 */
function unansweredLine(c: Context, alreadySaid = false): string | null {
  if (c.f.unanswered.length === 0) return null;
  return alreadySaid ? `${list(c.f.unanswered)}にもご連絡いたしております。` : `${list(c.f.unanswered)}にもご連絡いたしましたが、まだお返事をいただけておりません。`;
}

function fee(c: Context): string {
  return c.f.amount ? `報酬(${c.f.amount})` : '報酬';
}

/** Escrow and platform-protection notes, wherever they matter. */
function protection(c: Context): string | null {
  if (!c.platform) {
    return c.f.marketplace === 'direct'
      ? '直接取引にはマーケットの保護がありません。メールやチャットのやり取り、合意した条件、請求書を保存しておきましょう。'
      : 'このマーケットの保護はあてにできません。やり取り、合意した条件、請求書を保存しておきましょう。';
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

/** How the writer's record gets into the next letters. */
function recordHint(c: Context): string {
  return `送ったら「送りました」ボタンを押すか、/deliver log ${c.f.deliveryNumber} event:sent で記録してください。記録した日付だけが、次の文面${c.platform ? 'や事務局への相談文' : ''}に入ります。`;
}

/** The writer's confirmed record, for the advice (never for the client). */
function recordSummary(c: Context): string {
  const { contacts, deskRequests, replies } = c.f;
  const part = (label: string, dates: readonly string[]) => `${label}: ${dates.length > 0 ? `${dates.length}回(${list(dates)})` : '記録なし'}`;
  const items = [part('クライアントへの連絡', contacts), ...(c.platform ? [part('事務局への相談', deskRequests)] : []), part('クライアントからの返信', replies)];
  return ['あなたの記録:', ...items.map((item) => `・${item}`)].join('\n');
}

function evidenceHint(c: Context): string {
  return `/deliver evidence ${c.f.deliveryNumber} で、日付入りの経過と事実をファイルにまとめられます。事務局や相談窓口に渡す資料になります。`;
}

function desklessDueLine(c: Context): string | null {
  if (!c.f.dueOn) return null;
  return c.f.duePassed ? `なお、お支払い期日(${c.f.dueOn})を過ぎております。` : `なお、お支払い期日は${c.f.dueOn}です。`;
}

// ─── The platforms' rules, from src/domain/facts.ts ───

const COCONALA_RULE =
  `ココナラでは、「正式な納品」から${COCONALA_AUTO_APPROVAL_HOURS}時間以内に購入者が承諾も差し戻しもしなければ、自動で承諾(自動承認)されて取引が完了します。`;
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
  const late = f.deskOpen && c.platform;
  const invoice = !c.platform;
  return {
    title: title(c, '確認の連絡'),
    body: paragraphs(
      f.daysWaited === 0 ? '納品おつかれさまでした。' : `納品から${f.daysWaited}日が経ちました。多くのクライアントは、納品から数日で検収してくれます。`,
      late
        ? `まずは丁寧な確認の連絡から始めましょう。あわせて、${DESK[c.platform!].ja}にはもう相談できる時期です。確認の連絡と並行して、下の相談文で連絡催促を依頼すると、解決が早まることが多いです。`
        : '短い確認の連絡は失礼ではありません。忙しいクライアントが思い出すきっかけになります。',
      tip[f.marketplace],
      invoice && (f.dueOn ? `請求書をまだ送っていなければ、お支払い期日(${f.dueOn})を書いて一緒に送りましょう。下にひな形があります。` : '請求書をまだ送っていなければ、お支払い期日を書いて一緒に送りましょう。下にひな形があります。'),
      protection(c),
      sendHint(c),
      recordHint(c),
      late && `事務局に相談したら「事務局に相談しました」ボタンで記録してください。`,
    ),
    letters: [
      {
        to: 'client',
        heading: CLIENT_HEADING,
        text: lines(
          ...opening(c),
          `${f.deliveredOn}に納品いたしました「${f.title}」について、ご確認いただけましたでしょうか。`,
          jobLine(c),
          '修正点などございましたら、お気軽にお申し付けください。',
          '',
          CLOSING,
        ),
      },
      ...(late ? [deskLetter(c, c.platform!)] : []),
      ...(invoice ? [invoiceLetter(c)] : []),
    ],
  };
}

function invoiceLetter(c: Context): NudgeLetter {
  const { f } = c;
  return {
    to: 'client',
    heading: '請求書のひな形',
    text: lines(
      '請求書',
      '',
      `${f.clientName ?? '(クライアント名)'} ${f.clientIsBusiness ? '御中' : '様'}`,
      '',
      `件名: 「${f.title}」の報酬`,
      `ご請求金額: ${f.amount ?? '(金額)'}`,
      `納品日: ${f.deliveredOn}`,
      `お支払い期日: ${f.dueOn ?? '(お支払い期日)'}`,
      'お振込先: (銀行名・支店名・口座種別・口座番号・口座名義)',
      '',
      `${NAME}`,
      '(ご住所・ご連絡先、登録番号がある場合はその番号)',
    ),
  };
}

function followUp(c: Context): NudgeText {
  const { f } = c;
  const rule: Record<Marketplace, string | null> = {
    crowdworks: `クラウドワークスでは、クライアントに納品から${CROWDWORKS_REVIEW_GUIDELINE_WEEKS}週間を目安に検収するよう求めています。それを過ぎても反応がなければ、事務局に相談できます。送る前に、クライアントのプロフィールで最終ログインも確認しておきましょう。`,
    lancers: `ランサーズでは、事務局に相談する前に、${LANCERS_MESSAGES_BEFORE_DESK.days}日ほどかけて${LANCERS_MESSAGES_BEFORE_DESK.messages}回程度メッセージを送るのが目安です。${LANCERS_CONTACT_REMINDER_AFTER_DAYS}日以上連絡が取れなければ「連絡催促申請」ができます。`,
    coconala: COCONALA_FORMAL,
    upwork: UPWORK_AUTO_RELEASE,
    direct: 'メールアドレスが分かる場合は、メールでも送って記録を残しましょう。',
    other: 'メールアドレスが分かる場合は、メールでも送って記録を残しましょう。',
  };
  return {
    title: title(c, '再度の連絡'),
    body: paragraphs(
      `納品から${f.daysWaited}日が経ちましたが、まだ検収されていません。もう一度、連絡を送りましょう。`,
      f.contacts.length === 0 && `Kenshuには、クライアントへ連絡した記録がまだありません。確認の連絡を送っていたら、/deliver log ${f.deliveryNumber} event:sent at:日付 で記録すると、下の文面に日付が入ります。`,
      rule[f.marketplace],
      protection(c),
      sendHint(c),
      recordHint(c),
    ),
    letters: [
      {
        to: 'client',
        heading: CLIENT_HEADING,
        text: lines(
          ...opening(c),
          `${f.deliveredOn}に納品いたしました「${f.title}」について、あらためてお伺いいたします。`,
          jobLine(c),
          unansweredLine(c),
          'お忙しいところ恐縮ですが、ご確認の状況をお知らせいただけますでしょうか。',
          `${f.replyBy}までに、検収またはご連絡をいただけますと幸いです。`,
          '修正のご希望がございましたら、あわせてお申し付けください。',
          '',
          CLOSING,
        ),
      },
    ],
  };
}

function desk(c: Context, platform: PlatformMarketplace): NudgeText {
  const { f } = c;
  const deskName = DESK[platform].ja;
  const situation: Record<PlatformMarketplace, (string | false)[]> = {
    crowdworks: [
      `納品から${f.daysWaited}日が経ちました。クラウドワークスでは、検収期間の目安を納品から${CROWDWORKS_REVIEW_GUIDELINE_WEEKS}週間としています。ひとりで待ち続ける必要はありません。`,
      `注意: 納品後は「契約途中終了リクエスト」を使わないでください。${CROWDWORKS_EARLY_TERMINATION_AUTO_WEEKS}週間たつと自動的に成立し、仮払いの報酬はクライアントに全額返金されます。`,
    ],
    lancers: [
      `納品から${f.daysWaited}日が経ちました。ランサーズでは、取引相手と${LANCERS_CONTACT_REMINDER_AFTER_DAYS}日以上連絡が取れない場合に「連絡催促申請」ができます。`,
      `申請すると、ランサーズが連絡期限(${LANCERS_CONTACT_REMINDER_DEADLINE_DAYS}日後)を決めてクライアントに催促します。期限までに連絡がなければ、完了報告済みの仕事は支払いが確定します。完了報告をしていないと、期限切れで仕事がキャンセルになり、仮払いはクライアントに返金されます。`,
    ],
    coconala: [
      `納品から${f.daysWaited}日が経ちました。${COCONALA_RULE}`,
      'まずトークルームで、納品が「正式な納品」ボタンで送られているか確認してください。メッセージにファイルを添付しただけでは、正式な納品になりません。',
      `取引が完了していれば、/deliver paid ${f.deliveryNumber} で記録してください。`,
    ],
    upwork: [
      `納品から${f.daysWaited}日が経ちました。${UPWORK_AUTO_RELEASE}`,
      f.daysWaited < UPWORK_AUTO_RELEASE_DAYS && `まだ${UPWORK_AUTO_RELEASE_DAYS}日たっていないため、自動で支払われる可能性があります。サポートへの問い合わせは、支払われなかった場合で十分です。`,
      `契約ページと Transaction history で、支払いが行われたか確認してください。支払われていれば、/deliver paid ${f.deliveryNumber} で記録しましょう。この保護の対象は、入金(仮払い)済みのマイルストーンと、契約ページから提出した作業だけです。`,
    ],
  };
  return {
    title: title(c, `${deskName}への相談`),
    body: paragraphs(
      ...situation[platform],
      deskAdvice(platform),
      f.deskRequests.length > 0 && `${list(f.deskRequests)}に相談済みと記録されています。その後も進展がなければ、下の文面で状況を伝え直しましょう。`,
      f.contacts.length === 0 &&
        `Kenshuには、クライアントへ連絡した記録がありません。事務局は通常、先にクライアントへ連絡したかを確認します。連絡済みなら /deliver log ${f.deliveryNumber} event:sent at:日付 で記録すると、相談文に日付が入ります。`,
      protection(c),
      '相談したら「事務局に相談しました」ボタンで記録してください。',
    ),
    letters: [deskLetter(c, platform)],
  };
}

/** Stage 3 outside a platform: no desk, so a request with a date. */
function writtenRequest(c: Context): NudgeText {
  const { f } = c;
  return {
    title: title(c, '期日を示した依頼'),
    body: paragraphs(
      `納品から${f.daysWaited}日が経ちました。${f.marketplace === 'direct' ? '直接取引には' : 'この取引には'}相談できる事務局がないため、次は日付を示して、検収かご連絡をお願いします。`,
      'メールアドレスが分かる場合は、メールでも送って記録を残しましょう。',
      protection(c),
      recordHint(c),
    ),
    letters: [
      {
        to: 'client',
        heading: CLIENT_HEADING,
        text: lines(
          ...opening(c),
          `${f.deliveredOn}に納品いたしました「${f.title}」の件で、あらためてご連絡いたします。`,
          jobLine(c),
          unansweredLine(c) ?? `納品から${f.daysWaited}日が経ちましたが、まだ検収のご連絡をいただけておりません。`,
          `お手数ですが、${f.replyBy}までに、検収または現在の状況をお知らせいただけますでしょうか。`,
          desklessDueLine(c),
          '',
          CLOSING,
        ),
      },
    ],
  };
}

function recordAndWarn(c: Context): NudgeText {
  const { f } = c;
  const category = messages.client.category[c.unpaid ? 'unpaid' : 'no_response_after_delivery'];
  const lancersDeadline =
    c.platform === 'lancers' &&
    (f.deskRequests.length > 0
      ? `${f.deskRequests[f.deskRequests.length - 1]}の連絡催促申請の連絡期限が過ぎていれば、完了報告済みの仕事は支払いが確定しているはずです。仕事のページで確認し、支払われていれば /deliver paid ${f.deliveryNumber} で記録してください。`
      : '連絡催促申請をしていて連絡期限が過ぎていれば、完了報告済みの仕事は支払いが確定しているはずです。仕事のページで確認してください。');
  const deskStep =
    c.platform &&
    (f.deskRequests.length === 0
      ? `${DESK[c.platform].ja}にまだ相談していなければ、今すぐ相談しましょう。`
      : `${DESK[c.platform].ja}への相談(${list(f.deskRequests)})の後も解決していなければ、/deliver evidence のまとめを添えて再度相談してください。`);
  return {
    title: title(c, c.unpaid ? '未払いの記録と期日のお願い' : '記録と期日のお願い'),
    body: paragraphs(
      c.unpaid
        ? `検収はされましたが、まだ支払われていません(納品から${f.daysWaited}日)。ここまでの経過を記録として残しましょう。`
        : `納品から${f.daysWaited}日が経ちましたが、まだ検収されていません。ここまでの経過を記録として残しましょう。`,
      recordSummary(c),
      evidenceHint(c),
      c.platform ? '案件ページとメッセージのスクリーンショットも保存しておきましょう。' : 'メールやチャットのやり取りも保存しておきましょう。',
      lancersDeadline,
      deskStep,
      `ほかのライターが同じ目に遭わないよう、/client flag でこのクライアントをコミュニティの注意リストに報告できます(分類: ${category})。日付と起きたことだけを書き、悪口や推測は書かないでください。`,
      protection(c),
      `下の文面で、日付を示して${c.unpaid ? '支払い' : '検収'}をお願いしましょう。`,
    ),
    letters: [
      {
        to: 'client',
        heading: CLIENT_HEADING,
        text: lines(
          ...opening(c),
          `${f.deliveredOn}に納品いたしました「${f.title}」の件で、ご連絡いたします。`,
          jobLine(c),
          c.unpaid
            ? `検収をいただき、ありがとうございました。${fee(c)}のお支払いを、本日時点でまだ確認できておりません。`
            : `納品から${f.daysWaited}日が経ちましたが、まだ検収をいただけておりません。`,
          c.unpaid ? unansweredLine(c) : unansweredLine(c, true),
          desklessDueLine(c),
          'これまでの経緯を記録として残しております。',
          c.unpaid ? `${f.replyBy}までにお支払いのご対応をお願いいたします。` : `${f.replyBy}までに検収のご対応をお願いいたします。`,
          c.platform && `期日までにご連絡をいただけない場合は、${DESK[c.platform].ja}に状況をご相談いたします。`,
          c.unpaid && '行き違いでお支払いいただいている場合は、ご容赦ください。',
          '',
          CLOSING,
        ),
      },
    ],
  };
}

function legal(c: Context): NudgeText {
  const { f } = c;
  return {
    title: title(c, 'フリーランス新法の支払期日の確認'),
    body: paragraphs(
      c.unpaid
        ? `検収はされましたが、まだ支払われていません(納品から${f.daysWaited}日)。`
        : `納品から${f.daysWaited}日が経ちましたが、まだ検収も支払いもされていません。`,
      `${FREELANCE_ACT_NAME_JA}(フリーランス新法、${formatIsoDate(FREELANCE_ACT_IN_FORCE, 'ja')}施行)により、発注事業者は成果物を受け取った日から${LEGAL_PAYMENT_DAYS}日以内に報酬を支払わなければなりません。検収が済んでいなくても、期日は受け取った日から数えます。`,
      f.legalDuePassed ? `この納品の支払期日(${f.legalDueOn})は、すでに過ぎています。` : `この納品の支払期日: ${f.legalDueOn}`,
      `この義務は、クライアントが従業員のいる事業者や、役員が${FREELANCE_ACT_MIN_OFFICERS}人以上いる法人の場合に適用されます。`,
      '下の文面で、期日を示して正式に支払いを求めましょう。',
      `無料で弁護士に相談できます: ${FREELANCE_HOTLINE.nameJa}(電話 ${FREELANCE_HOTLINE.phone})。厚生労働省の委託を受けて、第二東京弁護士会が運営しています。匿名でも相談できます。`,
      evidenceHint(c),
      c.platform && `${DESK[c.platform].ja}にも、あわせて状況を伝えておきましょう。`,
      protection(c),
    ),
    letters: [
      {
        to: 'client',
        heading: CLIENT_HEADING,
        text: lines(
          ...opening(c),
          `${f.deliveredOn}に納品いたしました「${f.title}」の${fee(c)}について、ご連絡いたします。`,
          jobLine(c),
          c.unpaid ? '検収はいただいておりますが、お支払いがまだのようです。' : '本日時点で、検収およびお支払いを確認できておりません。',
          unansweredLine(c, true),
          desklessDueLine(c),
          `${FREELANCE_ACT_NAME_JA}では、成果物の受領日から${LEGAL_PAYMENT_DAYS}日以内の支払いが定められております。`,
          f.legalDuePassed
            ? `本件の支払期日(${f.legalDueOn})を過ぎておりますので、${f.replyBy}までにお支払いいただけますよう、お願い申し上げます。`
            : `本件の支払期日は${f.legalDueOn}です。期日までにお支払いいただけますと幸いです。`,
          '行き違いでお支払いいただいている場合は、ご容赦ください。',
          '',
          CLOSING,
        ),
      },
    ],
  };
}

/** Stage 6, once: the legal deadline has passed; the routes that remain. */
function afterDeadline(c: Context): NudgeText {
  const { f } = c;
  return {
    title: title(c, '支払期日を過ぎたあとの手段'),
    body: paragraphs(
      `フリーランス新法の支払期日(${f.legalDueOn})を過ぎましたが、まだ支払われていません。残っている手段は次のとおりです。このお知らせは一度だけです。`,
      `・申出: 支払期日を守らないのは${FREELANCE_ACT_NAME_JA}の違反にあたります。${FREELANCE_ACT_REPORT_DESK.nameJa}(ウェブの申出フォーム)に申し出ることができます。`,
      '・支払督促: 簡易裁判所の書記官に申し立てる、書類だけで進む手続きです。相手が異議を出さなければ、強制執行ができるようになります。',
      `・少額訴訟: ${SMALL_CLAIMS_MAX_YEN.toLocaleString('ja-JP')}円以下の支払いを求める訴えで、原則1回の審理で判決が出ます。`,
      `・どの手段が合うかは、${FREELANCE_HOTLINE.nameJa}(電話 ${FREELANCE_HOTLINE.phone})で無料で相談できます。`,
      evidenceHint(c),
      c.platform && `${DESK[c.platform].ja}にも、状況を伝えておきましょう。`,
      '下の文面は、期日を過ぎたことを伝え、支払いを求める最後の連絡です。送るかどうかは、あなたが決めてください。',
    ),
    letters: [
      {
        to: 'client',
        heading: CLIENT_HEADING,
        text: lines(
          ...opening(c),
          `${f.deliveredOn}に納品いたしました「${f.title}」の${fee(c)}について、お支払い期日(${f.legalDueOn})を過ぎておりますが、まだお支払いを確認できておりません。`,
          jobLine(c),
          `${f.replyBy}までにお支払いいただけますよう、お願い申し上げます。`,
          'お支払いを確認できない場合は、公正取引委員会などの関係機関に相談いたします。',
          '行き違いでお支払いいただいている場合は、ご容赦ください。',
          '',
          CLOSING,
        ),
      },
    ],
  };
}

export const japanese: StageWriters = { checkIn, followUp, desk, writtenRequest, recordAndWarn, legal, afterDeadline };
