import { LIMITS } from '../../domain/limits.js';
import { FREELANCE_ACT_NAME_JA, LEGAL_PAYMENT_DAYS, type IsoDate } from '../../domain/facts.js';
import { NET_DAYS_MAX } from '../../domain/payment-terms.js';
import { MARKETPLACE_LABELS, MARKETPLACES } from '../../domain/marketplace.js';
import { SNOOZE_BUTTON_DAYS, SNOOZE_MAX_DAYS, SNOOZE_MIN_HOURS } from '../../domain/reminders.js';
import { bareAmount, formatIsoDate } from '../format.js';
import type { Messages } from '../messages.js';
import { jaModeration } from './moderation.js';
import { jaSlack } from './slack.js';

const list = (v: unknown) => (Array.isArray(v) ? v.join('、') : String(v));
const mp = (v: unknown) => MARKETPLACE_LABELS[v as keyof typeof MARKETPLACE_LABELS]?.ja ?? String(v);

export const ja: Messages = {
  errors: {
    INVALID_INPUT: (p) => `${String(p.field ?? '入力')}の値が正しくありません。`,
    UNKNOWN_COMMAND: (p) =>
      p.group
        ? `「${String(p.command)}」というコマンドはありません。${String(p.group)} のコマンド: ${list(p.subcommands)}`
        : p.commands
          ? `「${String(p.command)}」というコマンドはありません。使えるコマンド: ${list(p.commands)}`
          : `「${String(p.command)}」というコマンドはありません。/help でコマンドの一覧を表示します。`,
    UNKNOWN_OPTION: (p) => `「${String(p.option)}」は ${String(p.command)} のオプションではありません。使えるオプション: ${list(p.options)}`,
    DUPLICATE_OPTION: (p) => `オプション「${String(p.option)}」が2回指定されています。1回だけ指定してください。`,
    UNEXPECTED_ARGUMENT: (p) => `「${String(p.value)}」が何の値か分かりません。${String(p.command)} は次のように入力します: ${String(p.example)}`,
    UNBALANCED_QUOTE: () => '引用符が閉じていません。空白を含む値は "ダブルクォート" で囲んでください。',
    CLIENT_REQUIRED: () => 'クライアントを指定してください。client: にクライアント名、profile: にマーケットのプロフィールURL(例: https://crowdworks.jp/public/employers/123456)を入力します(どちらか一方でも両方でも構いません)。',
    CLIENT_URL_UNRECOGNIZED: (p) =>
      p.marketplace
        ? `その${mp(p.marketplace)}のリンクはクライアントのプロフィールではありません。プロフィールページ(クラウドワークスなら https://crowdworks.jp/public/employers/<番号>)かクライアント名を指定し、案件のリンクは url: に入れてください。`
        : 'そのリンクはクラウドワークス・ランサーズ・ココナラ・Upwork のクライアントプロフィールではありません。それ以外で知り合ったクライアントは、名前で指定してください。',
    MARKETPLACE_REQUIRED: () => `どのマーケットでの取引ですか? marketplace: に ${MARKETPLACES.join('、')} のいずれかを指定してください。`,
    MARKETPLACE_MISMATCH: (p) => `マーケットが${mp(p.given)}と指定されていますが、リンクは${mp(p.implied)}のページです。マーケットかリンクを確認してください。`,
    INVALID_URL: (p) => `「${String(p.value)}」はURLとして読めません。案件の https:// から始まるリンクを指定してください。`,
    INVALID_DATE: (p) => `「${String(p.value)}」は日付として読めません。2026-11-01、2026/11/1、11/1、今日、昨日 のように入力してください。`,
    DATE_NEEDS_YEAR: (p) =>
      `「${String(p.value)}」は年がないため${String(p.date)}(${String(p.months)}か月以上前)と読めます。その日でよければ、delivered:${String(p.date)} のように年も入力してください。`,
    DELIVERED_IN_FUTURE: (p) => `${String(p.value)} は未来の日付です。実際に納品した日(今日以前)を入力してください。`,
    DELIVERED_TOO_EARLY: (p) => `${String(p.value)} は ${String(p.earliest)} より前です。年をご確認ください。`,
    AMOUNT_INVALID: (p) => `「${String(p.value)}」は金額として読めません。5000、5,000、5000円、5万円 のように入力してください。`,
    AMOUNT_OUT_OF_RANGE: (p) => `金額は0より大きく、${Number(p.max).toLocaleString('ja-JP')} 以下で入力してください(入力: ${String(p.value)})。`,
    AMOUNT_PRECISION: (p) => `${String(p.currency)} の金額は小数点以下 ${String(p.digits)} 桁までです(入力: ${String(p.value)})。`,
    EVENT_IN_FUTURE: (p) => `${String(p.value)} は未来の日時です。すでにあったことを、その日付で記録してください。`,
    EVENT_BEFORE_DELIVERY: (p) =>
      `${String(p.value)}${/^\d{4}/.test(String(p.value)) ? '' : `(${formatIsoDate(p.resolved as IsoDate, 'ja')})`} は納品 #${String(p.number)} の納品日(${formatIsoDate(p.delivered as IsoDate, 'ja')})より前です。納品日以降の日付を指定してください。`,
    NO_PLATFORM_DESK: (p) =>
      `納品 #${String(p.number)} は${p.marketplace === 'direct' ? '直接取引' : 'その他のサイトでの取引'}のため、相談できる事務局がありません。クライアントへの連絡は event:sent、それ以外のことは event:note で記録できます。`,
    UNKNOWN_CURRENCY: (p) => `「${String(p.value)}」は通貨コードではありません。JPY や USD のような3文字のコードを入力してください。`,
    CURRENCY_MISMATCH: (p) =>
      `金額 ${String(p.amount)} には ${String(p.currency)} とは別の通貨が含まれています。金額を数字だけにする(amount:${bareAmount(p.amount)} currency:${String(p.currency)})か、currency: を省いてください。`,
    INVALID_DELIVERY_NUMBER: (p) => `「${String(p.value)}」は納品番号ではありません。/deliver list に表示される番号(3 や #3)を指定してください。`,
    DELIVERY_NOT_FOUND: (p) => `あなたの納品 #${String(p.number)} は見つかりません。/deliver list で一覧を確認できます。`,
    DELIVERY_NOT_YOURS: () => 'その納品はあなたのものではないか、すでにないため、何も変更していません。/deliver list で自分の納品を確認できます。',
    INVALID_TRANSITION: (p) => {
      const from = ja.status[p.from as keyof Messages['status']] ?? String(p.from);
      const action = { accept: '検収済みにする', pay: '支払い済みにする', cancel: 'キャンセルする' }[String(p.action)] ?? String(p.action);
      return `この納品はすでに「${from}」のため、${action}ことはできません。`;
    },
    DELIVERY_CLOSED: (p) => `納品 #${String(p.number)} はすでに「${ja.status[p.status as keyof Messages['status']] ?? String(p.status)}」のため、リマインドはありません。`,
    INVALID_DURATION: (p) => `「${String(p.value)}」は期間として読めません。3d、1w、12h、3日、1週間 のように入力してください(${SNOOZE_MIN_HOURS}時間から${SNOOZE_MAX_DAYS}日まで)。`,
    DURATION_OUT_OF_RANGE: (p) =>
      p.issue === 'too_short'
        ? `「${String(p.value)}」は短すぎます。最短${String(p.min_hours)}時間から指定できます(例: 1h、3日)。`
        : `「${String(p.value)}」は長すぎます。止められるのは最長${String(p.max_days)}日です(例: ${String(p.max_days)}d、${String(Math.floor(Number(p.max_days) / 7))}週間)。`,
    INVALID_QUIET_HOURS: (p) => `「${String(p.value)}」は時間帯として読めません。22-08、22:30-07:00、または off と入力してください。`,
    INVALID_TIMEZONE: (p) => `「${String(p.value)}」はタイムゾーンではありません。Asia/Tokyo や America/New_York のような名前を指定してください。`,
    UNKNOWN_BUTTON: () => 'このボタンは使えなくなりました。/remind list でリマインドを確認できます。',
    FORBIDDEN: (p) => {
      if (p.direct === 'yes') return 'この操作はコミュニティのモデレーターだけが行えます。DM にはモデレーターはいません。コミュニティ内で実行してください。';
      if (p.level !== 'admin') return 'この操作はコミュニティのモデレーターだけが行えます。モデレーターは、管理者、モデレーターロールを持つメンバー、管理者が /mod settings add_moderator で追加したメンバーです。';
      const options = Array.isArray(p.options) ? (p.options as readonly string[]) : [];
      const allowed = Array.isArray(p.allowed) ? (p.allowed as readonly string[]) : [];
      return [
        `${options.length ? `${options.join('、')} の変更` : 'この操作'}はコミュニティの管理者(Discord ではサーバーのオーナーと「サーバー管理」権限を持つメンバー、コンソールではその所有者)だけが行えます。`,
        ...(allowed.length ? [`モデレーターが変更できるのは ${allowed.join('、')} です。何も保存していません。`] : []),
      ].join('');
    },
    FLAG_DELIVERY_REQUIRED: () => 'このコミュニティでは、報告にそのクライアントへのご自身の納品を指定する必要があります。delivery: に納品番号を指定してください(/deliver list で確認できます)。',
    FLAG_DELIVERY_MISMATCH: (p) => `あなたの納品 #${String(p.number)} のクライアントは ${String(p.client)} で、このクライアントではありません。報告には、報告するクライアントへのご自身の納品を指定してください。`,
    FLAG_TOO_EARLY: (p) => `まだ報告には早すぎます。納品 #${String(p.number)} ${p.from === 'recorded' ? 'を Kenshu に記録した日' : ''}から${String(p.days)}日目(最初のリマインドの日)まで待ち、まずは丁寧に連絡してみてください。`,
    FLAG_IN_DIRECT_MESSAGE: () => 'DMはあなた専用の場所で、モデレーターがいません。報告はコミュニティのサーバーで行ってください。そこでモデレーターが確認します。',
    FLAG_RATE_LIMITED: (p) => `このコミュニティでの報告は1日${String(p.limit)}件までです。明日もう一度お試しください。`,
    FLAG_DUPLICATE: () => 'このクライアントについて、同じ種類の報告がすでに有効です。取り下げるには /client retract に報告番号を指定してください。別の種類の報告はできます。',
    FLAG_NOT_FOUND: (p) => `あなたの報告 #${String(p.id)} は見つかりません。/client flag の返信に表示された番号(例: 12)を指定してください。`,
    FLAG_NOT_ACTIVE: (p) => `報告 #${String(p.id)} はすでに「${ja.client.state[p.state as keyof Messages['client']['state']] ?? String(p.state)}」の状態です。`,
    REPORT_NOT_FOUND: (p) => `このコミュニティに報告 #${String(p.number)} はありません。/mod queue に表示される番号(例: 3)を指定してください。`,
    REPORT_NOT_REVIEWABLE: (p) =>
      `報告 #${String(p.number)} は「${ja.client.state[p.state as keyof Messages['client']['state']] ?? String(p.state)}」の状態です。${p.action === 'remove' ? '削除できるのは承認済みの報告だけです。' : `${p.action === 'approve' ? '承認' : '却下'}できるのは確認待ちの報告だけです。`}`,
    STORE_UNAVAILABLE: () => 'データベースが応答しないため、保存できませんでした。少し時間をおいて、もう一度お試しください。',
    STORE_OUTCOME_UNKNOWN: () => '保存の途中でデータベースが応答しなくなりました。保存されている可能性があります。少し時間をおいて、変更が反映されているか確認してください(納品なら /deliver list)。反映されていなければ、もう一度お試しください(やり直しても問題ありません)。',
    // 納品の修正・支払条件・状態を戻す
    PROFILE_INVALID: (p) => `「${String(p.value)}」はクライアントのプロフィールではありません。クラウドワークス・ランサーズ・ココナラ・Upwork のプロフィールURL(例: https://crowdworks.jp/public/employers/123456)か、crowdworks:123456 のような形で指定してください。クライアント名は client: に入れます。`,
    DUE_INVALID: (p) => `「${String(p.value)}」は支払期日・支払条件として読めません。日付(2026-12-31、12/31)、月末締め翌月末払い、翌々月末払い、net30・net60(1〜${NET_DAYS_MAX}日)のいずれかで入力してください。`,
    DUE_BEFORE_DELIVERY: (p) => `支払期日 ${String(p.value)} が納品日より前です。お支払いの期日を入力してください。`,
    DUE_TOO_LATE: (p) => `支払期日 ${String(p.value)} は納品から${String(p.days)}日より後です。年をご確認ください。`,
    DUE_ON_PLATFORM: (p) => `${mp(p.marketplace)}では仮払い(エスクロー)の仕組みで支払いが決まるため、due: は直接取引とその他の取引でだけ使えます。`,
    EDIT_NOTHING: () => '変更する項目を指定してください: client、profile、title、amount、currency、delivered、escrow、due、letter_language のいずれか。',
    PROFILE_MISMATCH: (p) => `client: のプロフィール(${String(p.client)})と profile: のプロフィール(${String(p.profile)})が違います。プロフィールは profile: に1つだけ、クライアント名は client: に入力してください。`,
    REOPEN_NOT_CLOSED: (p) => `納品 #${String(p.number)} はまだ検収待ちのため、戻す必要はありません。`,
    CHANNEL_NOT_IN_COMMUNITY: (p) => {
      const place = p.platform === 'slack' ? 'ワークスペース' : 'サーバー';
      return `${String(p.option)} にはこの${place}のチャンネルを指定してください。指定されたチャンネルはこの${place}のものではありません。この${place}のチャンネル一覧から選んでください。何も保存していません。`;
    },
    CHANNEL_WITHOUT_KENSHU: (p) => `Kenshu はまだチャンネル ${String(p.channel)} に参加していないため、そこに投稿できません。そのチャンネルで /invite @Kenshu と入力して招待してから、もう一度お試しください。何も保存していません。`,
    MEMBER_NOT_FOUND: (p) => `メンバー「${String(p.name)}」はまだ Kenshu を使ったことがありません。先に一度、何かのコマンドを実行してもらってください(Discord では一覧から選び、コンソールでは /as で使った名前を指定します)。何も保存していません。`,
    CLIENT_NOT_KNOWN_HERE: (p) =>
      `このコミュニティには「${String(p.client)}」の納品記録も報告もありません。モデレーターが操作できるのは、このコミュニティで記録のあるクライアントだけです。プロフィールURL、marketplace:id(例: crowdworks:123456)、または /client lookup に表示される正確な名前で指定してください。`,
    CLIENT_REPLY_NONE: (p) => `このコミュニティには「${String(p.client)}」の回答が記録されていないため、削除するものはありません。記録するには /mod reply client:… text:… を使ってください。`,
    CLIENT_REPLY_INPUT: () => `text: にクライアントの回答(書式なしのテキスト、${LIMITS.clientReplyLength}文字まで)を入力するか、記録した回答を削除するときは clear:yes を指定してください(両方は指定できません)。`,
    MERGE_SELF: (p) => `「${String(p.client)}」を同じクライアントに統合することはできません。client: に統合するクライアント、into: に統合先のクライアントを、別々に指定してください。`,
    MERGE_CYCLE: (p) => `このコミュニティでは「${String(p.into)}」がすでに「${String(p.client)}」に統合されているため、逆向きには統合できません。先に /mod unmerge client:${String(p.into)} で解除するか、逆向きに統合してください。`,
    ALREADY_MERGED: (p) => `このコミュニティでは「${String(p.client)}」はすでに「${String(p.into)}」に統合されています。先に /mod unmerge client:${String(p.client)} で解除してください。`,
    NOT_MERGED: (p) => `このコミュニティでは「${String(p.client)}」はほかのクライアントに統合されていないため、解除するものはありません。`,
  },
  fields: {
    client: 'クライアント(client)',
    title: 'タイトル(title)',
    marketplace: 'マーケット(marketplace)',
    amount: '金額(amount)',
    currency: '通貨(currency)',
    delivered: '納品日(delivered)',
    escrow: '仮払い(escrow)',
    url: '案件URL(url)',
    profile: 'プロフィール(profile)',
    due: '支払期日(due)',
    letter_language: '文面の言語(letter_language)',
    delivery: '納品番号(delivery)',
    show: '表示(show)',
    for: '期間(for)',
    timezone: 'タイムゾーン(timezone)',
    quiet_hours: 'おやすみ時間(quiet_hours)',
    weekends: '土日(weekends)',
    holidays: '祝日(holidays)',
    language: '言語(language)',
    at: '日時(at)',
    fallback_channel: '通知チャンネル(fallback_channel)',
    moderator_role: 'モデレーターのロール(moderator_role)',
    clear: '解除(clear)',
    reason: '理由(reason)',
    note: 'メモ(note)',
    flag: '報告番号(flag)',
    report: '報告番号(report)',
    page: 'ページ(page)',
    period: '集計期間(period)',
    sharing: '共有(sharing)',
    show_from_others: '他のコミュニティの表示(show_from_others)',
    consensus_min_writers: '最低ライター数(consensus_min_writers)',
    flag_daily_limit: '1日の報告数(flag_daily_limit)',
    flag_delivery: '報告の納品指定(flag_delivery)',
    max_per_writer: '1人あたりの集計上限(max_per_writer)',
    min_writers: '集計の最低ライター数(min_writers)',
    command: 'コマンド(command)',
    subcommand: 'サブコマンド(subcommand)',
    event: '記録の種類(event)',
    text: '内容(text)',
  },
  inputIssue: {
    required: (f) => `${f}を入力してください(必須です)。`,
    tooLong: (f, max) => `${f}が長すぎます。${max}文字以内で入力してください。`,
    outOfRange: (f, min, max) => `${f}は${min.toLocaleString('ja-JP')}〜${max.toLocaleString('ja-JP')}の整数で入力してください。`,
    invalidChoice: (f, choices, labels) => `${f}は次のいずれかを指定してください: ${(labels ?? choices).join('、')}`,
    invalid: (f) => `${f}の値が正しくありません。`,
  },
  apology: '申し訳ありません。こちら側で問題が起きました。入力内容は失われていませんので、もう一度お試しください。',
  errorTitle: '実行できませんでした',
  status: { awaiting_review: '検収待ち', accepted: '検収済み', paid: '支払い済み', cancelled: 'キャンセル' },
  escrow: { funded: '仮払い済み', not_funded: '仮払いなし', unknown: '不明' },
  marketplace: (m) => MARKETPLACE_LABELS[m].ja,
  stage: {
    check_in: { name: '確認の連絡', summary: 'クライアントへ丁寧な確認メッセージ(文面をお渡しします)' },
    follow_up: { name: '再度の連絡', summary: '日付を示して、検収かご連絡をお願いするメッセージ' },
    platform_desk: { name: '事務局へ相談', summary: 'マーケットの事務局にクライアントへの連絡催促を依頼' },
    record_and_warn: { name: '記録と期日のお願い', summary: 'ここまでの記録と、日付を示した文面、注意リストへの報告の提案' },
    legal: { name: '法的な期限', summary: `報酬は受領から${LEGAL_PAYMENT_DAYS}日以内に支払う義務(フリーランス新法)` },
    after_deadline: { name: '期日を過ぎたあと', summary: '法的な期限を過ぎたときに残る手段(一度だけ)' },
  },
  delivery: {
    recordedTitle: (n) => `納品 #${n} を記録しました`,
    client: 'クライアント',
    title: 'タイトル',
    marketplace: 'マーケット',
    amount: '金額',
    delivered: '納品日',
    escrow: '仮払い',
    jobUrl: '案件',
    status: '状態',
    planHeading: 'リマインド予定',
    planLine: (day, date, name, summary) => `${day === 0 ? '納品当日' : `納品から${day}日後`}(${date}): ${name} — ${summary}`,
    planNote: 'リマインドはDMで届きます。おやすみ時間には送りません。',
    planAlreadyDue: (count) => `日付の上では、すでに${count}段階の時期を過ぎています。まず確認の連絡からお送りし、そのあとは通常の間隔で進みます。丁寧な連絡より先に、強い文面が届くことはありません。`,
    noPlan: 'この納品のリマインド予定はありません。',
    escrowNotFunded: '仮払いがされていません。これ以上の作業は止めて、まずクライアントに仮払いをお願いしてください。',
    directDeal: '直接取引にはマーケットの保護がありません。メッセージや請求書の記録を残してください。支払い済みにするまでリマインドが続きます。',
    markHint: (n) => `クライアントから反応があったら: /deliver accepted ${n}、/deliver paid ${n}`,
    listTitle: (scope, count) => (scope === 'open' ? `進行中の納品(${count}件)` : `すべての納品(${count}件)`),
    listEmpty: (scope) => (scope === 'open' ? '進行中の納品はありません。/deliver new で記録できます。' : 'まだ納品の記録がありません。/deliver new で記録できます。'),
    listLine: (p) => `#${p.number} ${p.title} — ${p.client}${p.amount ? `・${p.amount}` : ''}。${p.delivered}納品(${p.days}日経過)。${p.status}。`,
    listNext: (date, name) => `次のリマインド: ${name}(${date})`,
    listMore: (shown, total) => `新しい順に${total}件中${shown}件を表示しています。`,
    acceptedTitle: (n) => `納品 #${n} を検収済みにしました`,
    acceptedEndsLadder: '仮払い済みのため検収で報酬が支払われます。この納品のリマインドは終了しました。',
    acceptedAwaitPayment: (n) => `これからは支払い待ちです。/deliver paid ${n} で支払い済みにするまで、支払いのリマインドが続きます。`,
    paidTitle: (n) => `納品 #${n} を支払い済みにしました`,
    paidBody: (days) => `納品から${days}日で支払われました。お疲れさまでした。`,
    cancelledTitle: (n) => `納品 #${n} をキャンセルしました`,
    remindersEnded: 'この納品のリマインドは終了しました。',
    daysToAcceptance: (days) => `納品から${days}日で検収されました。`,
  },
  deliveryEdit: {
    letterLanguage: '文面の言語',
    letterLanguageName: (l) => (l === 'ja' ? '日本語' : '英語'),
    due: '支払期日',
    dueValue: (date, terms) => {
      const net = terms ? /^net(\d+)$/.exec(terms) : null;
      const label = net
        ? `納品から${net[1]}日後払い`
        : terms === 'month_end_next_month_end'
          ? '月末締め翌月末払い'
          : terms === 'month_end_month_after_next_end'
            ? '月末締め翌々月末払い'
            : null;
      return label ? `${date}(${label})` : date;
    },
    nameMissing: (n) => `クライアント名が未入力です。文面の宛名に使うため、/deliver edit ${n} client:"株式会社〇〇" で追加してください。`,
    knownAs: (names) => `このコミュニティでは、このクライアントは${names.map((n) => `「${n}」`).join('')}の名前でも記録されています。`,
    dueAfterLegal: (legalDate) =>
      `この支払期日は、${FREELANCE_ACT_NAME_JA}の期限(受領から${LEGAL_PAYMENT_DAYS}日以内、本件は${legalDate})より後です(この法律が適用されるクライアントの場合)。合意どおり記録しましたが、期日を早めていただくようお願いすることもできます。`,
    invoice: (due, n) =>
      due
        ? `クライアントに請求書を送りましょう。金額と支払期日(${due})を記載します。直接取引では、請求書が支払いの記録になります。`
        : `クライアントに請求書を送り、支払期日を確認しましょう。期日は /deliver edit ${n} due:2026-12-31(または 月末締め翌月末払い、net30)で記録できます。`,
    editedTitle: (n) => `納品 #${n} を修正しました`,
    changed: (fields) => `変更した項目: ${fields.join('、')}`,
    unchanged: '変更はありません(記録済みの内容と同じです)。',
    planMoved: (next) => (next ? `リマインドの予定を立て直しました。次のリマインドは${next}です。` : 'この納品のリマインドはもうありません。'),
    planDueNow: 'リマインドの予定を立て直しました。すでに期日を過ぎた段階があるため、まもなくお届けします(おやすみ時間を除く)。',
    reopenedTitle: (n) => `納品 #${n} の状態を戻しました`,
    reopenedTo: (status) =>
      status === 'accepted'
        ? '検収済みだったため「検収済み」に戻しました。'
        : '検収前だったため「検収待ち」に戻しました。リマインドは続きます。',
    totalsHeading: '未払いの合計',
    totalOwed: (amount, count) => `${amount}(${count}件)`,
    withoutAmount: (count) => `金額未入力: ${count}件`,
    oldestUnpaid: (days) => `最も古い未払い: 納品から${days}日経過`,
  },
  remind: {
    listTitle: (count) => `リマインド(進行中の納品 ${count}件)`,
    listEmpty: '進行中の納品がないため、リマインドはありません。/deliver new で記録できます。',
    listLine: (p) => `#${p.number} ${p.title} — ${p.client}`,
    next: (when, stageName) => `次: ${stageName}(${when})`,
    snoozedUntil: (when) => `${when}まで一時停止中`,
    paused: '停止中: /remind resume で再開',
    stopped: '終了: /remind resume で再開',
    nothingLeft: 'この納品のリマインドはもうありません',
    snoozedTitle: (n, when) => `納品 #${n} のリマインドを${when}まで止めました`,
    pausedTitle: (n) => `納品 #${n} のリマインドを停止しました`,
    resumedTitle: (n) => `納品 #${n} のリマインドを再開しました`,
    stoppedTitle: (n) => `納品 #${n} のリマインドを終了しました`,
    resumeHint: (n) => `/remind resume ${n} で再開できます。`,
    settingsTitle: 'リマインドの設定',
    settingsSaved: '保存しました。進行中の納品には、今から新しい設定が適用されます。',
    timezone: 'タイムゾーン',
    quietHours: 'おやすみ時間',
    quietOff: 'なし',
    weekends: '土日',
    holidays: '祝日',
    language: '言語',
    send: '通知する',
    skip: '通知しない',
    languageName: (l) => (l === 'ja' ? '日本語' : 'English'),
    settingsHint: '変更例: /remind settings timezone:Asia/Tokyo quiet_hours:22-08 weekends:skip holidays:skip language:ja',
  },
  nudge: {
    buttons: { accept: '検収済み', pay: '支払い済み', snooze: `${SNOOZE_BUTTON_DAYS}日後に再通知`, stop: 'リマインド停止', show: '文面を表示', sent: '送りました', desk: '事務局に相談しました', replied: '返信がありました' },
    notYetDue: (when) => `この段階の期日はまだです(${when})。先にアドバイスをお見せします。`,
    inLanguage: (locale) => (locale === 'en' ? '(英語)' : '(日本語)'),
    fallbackTitle: 'Kenshu からのリマインドがあります',
    fallbackBody: (n) => `DMが受け取れない設定のため、個別にお届けできませんでした。納品 #${n} についてです。「文面を表示」ボタン(あなたにだけ表示されます)か /remind now ${n} で内容を確認し、次回から届くようDMを許可してください。`,
    dmClosedNotice: 'DMが受け取れない設定のため、リマインドをお届けできませんでした。このサーバー(またはアプリ)からのDMを許可してください。/remind list で各納品の状況を確認できます。',
  },
  client: {
    category: {
      no_response_after_delivery: '納品後の無連絡',
      late_acceptance: '検収の遅れ',
      unpaid: '未払い',
      paid_after_platform_intervention: '事務局の介入後に支払い',
      scope_creep: '作業範囲の追加要求',
      off_platform_request: 'サイト外での取引の要求',
      abusive_communication: '威圧的・不適切な連絡',
      unfair_rejection: '不当な差し戻し・不承認',
    },
    state: { pending: '確認待ち', approved: '承認済み', rejected: '却下', retracted: '取り下げ済み', removed: '削除済み', expired: '期限切れ' },
    reason: '理由',
    identity: 'クライアント',
    aliases: '別名',
    profile: 'プロフィール',
    figuresHeading: (federated) => (federated ? '記録された納品(このコミュニティと共有しているコミュニティ)' : '記録された納品(このコミュニティ)'),
    figures: (p) => `${p.writers}人のライターによる${p.deliveries}件の納品`,
    medianAcceptance: (days) => `検収までの日数(中央値): ${days}日`,
    paidShare: (paid, settled) => `支払い済み: ${settled}件中${paid}件`,
    deskShare: (desk, total) => `事務局への相談が必要だった件数: ${total}件中${desk}件`,
    overdue: (n) => `現在、最初のリマインドを過ぎても検収待ち: ${n}件`,
    figuresWithheld: 'このコミュニティで記録はありますが、記録したライターが少ないため集計は表示しません。',
    ownHeading: 'あなた自身の納品(集計には含みません)',
    own: (p) => `あなた自身: 納品${p.deliveries}件、うち支払い済み${p.paid}件`,
    reportsHeading: 'モデレーターが承認した報告',
    report: (p) => `${p.category}: ${p.writers}人から${p.count}件(${p.first === p.last ? p.first : `${p.first}〜${p.last}`})`,
    outcome: (p) => `その後: ${[p.accepted ? `${p.accepted}件が検収済み` : '', p.paid ? `${p.paid}件が支払い済み${p.paidAfterDesk ? `(うち${p.paidAfterDesk}件は事務局の連絡催促の後)` : ''}` : ''].filter(Boolean).join('、')}`,
    noReports: '承認された報告はありません。',
    noTrackRecordTitle: (name) => `${name} の実績はありません`,
    noTrackRecord: 'このコミュニティには、このクライアントとの納品の記録も承認された報告もありません。実績がないことは安心材料ではありません。誰も知らないクライアントには慎重に。',
    checkMarketplace: '仕事を受ける前に、マーケットに表示されるこのクライアントの評価・口コミ・完了率も確認しましょう。',
    candidatesTitle: (count) => `似た名前のクライアントが${count}件あります`,
    candidatesHint: () => '正確な名前かプロフィールURLで照会してください。',
    flaggedTitle: (id) => `報告 #${id} を受け付けました`,
    flaggedBody: 'モデレーターが確認するまで、誰にも表示されません。照会で表示されるのは件数と月だけで、報告者やメモは表示されません。/client retract flag:<番号> で取り下げられます。',
    retractedTitle: (id) => `報告 #${id} を取り下げました`,
  },
  record: {
    loggedTitle: (n, kind) =>
      ({
        sent: `納品 #${n}: クライアントへの連絡を記録しました`,
        desk: `納品 #${n}: 事務局への相談を記録しました`,
        replied: `納品 #${n}: クライアントからの返信を記録しました`,
        note: `納品 #${n}: メモを記録しました`,
      })[kind],
    when: (date) => `日付: ${date}`,
    text: (t) => `内容: ${t}`,
    alreadyRecorded: (date) => `すでに記録されています(${date})。もう一度押しても、重ねて記録されることはありません。`,
    otherDayHint: (n, kind, example) => `別の日のことでしたら: /deliver log ${n} event:${kind} at:${example}`,
    whyRecord: '文面・事務局への依頼・経緯ファイルには、ここで記録した連絡だけを書きます。Kenshu のリマインドを連絡として扱うことはありません。',
    showHint: (n) => `/deliver show ${n} で記録の全体を確認できます。`,
    showActions: (n) => `クライアントへの連絡は /deliver log ${n} event:sent で記録できます。/deliver evidence ${n} でこの内容をファイルに書き出せます。`,
    showTitle: (n, title) => `納品 #${n}「${title}」`,
    timelineIntro: '古い順の経緯です。「Kenshu からのリマインド」はあなたへのお知らせで、クライアントへの連絡ではありません。',
    timelineLine: (date, text) => `${date} ${text}`,
    more: (count, n) => `…ほか${count}件はここでは省略しました。/deliver evidence ${n} ですべてをファイルに書き出せます。`,
    entry: {
      recorded: 'Kenshu に記録',
      delivered: '納品',
      reminder: (stage) => `Kenshu からのリマインド(${stage})`,
      reminderFallback: (stage) => `Kenshu からのリマインド(${stage})。DMが受け取れないため、コミュニティのチャンネルでお知らせ`,
      reminderUnreachable: (stage) => `Kenshu からのリマインド(${stage})。DMが受け取れない設定のため届かず`,
      reminderFailed: (stage) => `Kenshu からのリマインド(${stage})。送信できず`,
      writer: { sent: 'クライアントに連絡', desk: '事務局に相談', replied: 'クライアントから返信', note: 'メモ' },
      withText: (label, text) => `${label}「${text}」`,
      change: { accepted: '検収済みに変更', paid: '支払い済みに変更', cancelled: 'キャンセルに変更', reopened: '検収待ちに戻す', edited: '内容を修正' },
    },
    evidenceTitle: (n) => `納品 #${n} の経緯ファイル`,
    evidenceBody:
      '取引の内容と、あなたが記録した連絡・事務局への相談・クライアントからの返信をまとめたファイルです。Kenshu からのリマインドは、それらと分けて記載しています。事務局や弁護士に相談するときにお使いください。',
    evidenceHotline: (name, phone) => `フリーランスの無料法律相談: ${name}(${phone})`,
    fileSaved: (path) => `ファイルを保存しました: ${path}`,
    file: {
      heading: (n, title) => `納品の経緯: ${title}(#${n})`,
      written: (when, timezone) => `${when} に Kenshu で作成しました。日付はタイムゾーン ${timezone} のものです。`,
      factsHeading: '取引の内容',
      client: 'クライアント',
      clientProfile: 'クライアントのプロフィール',
      marketplace: 'マーケット',
      jobUrl: '案件のページ',
      title: '納品物のタイトル',
      amount: '報酬',
      escrow: '仮払い',
      delivered: '納品日',
      recorded: 'Kenshu への記録日',
      status: '状態',
      agreedDue: '合意した支払期日',
      legalDue: 'フリーランス・事業者間取引適正化等法上の支払期日',
      legalDueValue: (date, passed) => (passed ? `${date}(経過)` : date),
      legalNote: (act, days) => `${act}では、同法が適用される発注者は、成果物の受領日から${days}日以内(受領日を含めて数えます)に報酬を支払うことが定められています。`,
      contactsHeading: 'クライアントへの連絡(ライターの記録)',
      deskHeading: '事務局への相談(ライターの記録)',
      repliesHeading: 'クライアントからの返信(ライターの記録)',
      notesHeading: 'ライターのメモ',
      changesHeading: '状態の変更',
      noneRecorded: '記録はありません。',
      confirmedNote: '次の各項目は、ライター本人が日付とともに記録したものです。',
      remindersHeading: 'Kenshu からライターへのリマインド',
      remindersNote: 'Kenshu がライターに送ったお知らせで、クライアントや事務局への連絡ではありません。',
      noReminders: 'まだありません。',
      timelineHeading: '経緯の全体',
    },
  },
  privacy: {
    exportTitle: 'Kenshu にあるあなたのデータ',
    exportBody: (p) => `プロフィールと設定、納品${p.deliveries}件(記録した対応と Kenshu からのリマインドを含む)、あなたが出した報告${p.reports}件とその状態をファイルにまとめました。`,
    exportPrivate: 'ほかのメンバーのデータや、報告を確認したモデレーターの名前は含まれません。/privacy delete でデータを削除できます。',
    deleteTitle: 'Kenshu からあなたのデータを削除しますか?',
    deleteWill: (p) => [
      'プロフィール・名前・設定',
      `納品${p.deliveries}件(記録した対応とリマインドを含む)`,
      p.pendingReports > 0 ? `確認待ちの報告${p.pendingReports}件(取り下げになります)` : '却下・取り下げ・削除された報告と、あなたが書いたメモ',
    ],
    deleteKeeps: (n) => `承認済みの報告${n}件は、あなたとのつながりもメモもない匿名の件数として、注意リストに残ります。`,
    deleteFinal: '削除は取り消せません。控えが必要なら先に /privacy export を使ってください。確定できるのはあなただけです。',
    confirmButton: '削除を確定する',
    erasedTitle: 'データを削除しました',
    erasedBody: 'プロフィール・納品・設定・メモは Kenshu に残っていません。また Kenshu を使うと、何もない状態から始まります。',
    alreadyErased: '削除するデータは残っていません。',
  },
  suggest: {
    delivery: (p) => `#${p.number} ${p.title}(${p.client})`,
  },
  help: {
    title: 'Kenshu のコマンド',
    intro: '納品を記録しておくと、クライアントの反応がないときに次にすべきことをお知らせします。',
    optionsLabel: 'オプション',
    required: '必須',
    groupHint: (group) => `/help ${group} で、それぞれのオプションを表示します。`,
    slackTyping:
      'Slack では、コマンドの前に /kenshu を付けてください(例: /kenshu remind list、/kenshu help deliver)。/remind は Slack が使っているためです。/deliver、/client、/mod、/privacy はそのままでも使えます。Kenshu へのDMでは、スラッシュなしで入力します(例: deliver list)。',
    consoleExtras: ['/as <名前>: このコンソールの別のメンバーとして操作', '/press <ラベル>: 直前のメッセージのボタンを押す', '/tick: リマインドのスケジューラを今すぐ実行。/tick at:2026-12-01T10:00+09:00 でその時点として実行(コンソールの時計も進みます)', '/help: この一覧', '/quit: 終了(入力の終わりでも終了)'],
  },
  console: {
    welcome: (who, driver) => `Kenshu コンソール。あなたは「${who}」(ライター兼このコミュニティのオーナー)です。データ: ${driver}。/help でコマンド一覧。`,
    switched: (who) => `「${who}」に切り替えました。`,
    currentMember: (who) => `現在は「${who}」です。/as <名前> で切り替えます。`,
    unknownConsoleCommand: (word) => `「${word}」というコマンドはありません。/help でコマンドの一覧を表示します。`,
    tickDone: (p) => `${p.at} 時点でスケジューラを実行しました: 送信 ${p.sent}件、待機 ${p.waiting}件、その他 ${p.other}件。`,
    noButtons: '押せるボタンはまだありません。ボタンはリマインドや /remind now に付いてきます。',
    unknownButton: (label, labels) => `「${label}」というボタンはありません。押せるボタン: ${labels.join('、')}`,
    bye: '終了します。',
  },
  ...jaModeration,
  ...jaSlack,
};
