/**
 * Japanese names of commands, subcommands and options, for platforms that show localized names
 * (Discord's name_localizations). Lowercase, no spaces, at most 32 characters, as Discord requires.
 * Typed text keeps the English names, which work in every language.
 */
export const JAPANESE_NAMES: Record<string, string> = {
  // commands and subcommands
  deliver: '納品',
  new: '新規',
  list: '一覧',
  accepted: '検収済み',
  paid: '支払い済み',
  cancel: 'キャンセル',
  remind: 'リマインド',
  snooze: 'スヌーズ',
  pause: '停止',
  resume: '再開',
  now: '今すぐ',
  settings: '設定',
  mod: 'モデレーター',
  help: 'ヘルプ',
  // options
  client: 'クライアント',
  title: 'タイトル',
  marketplace: 'マーケット',
  amount: '金額',
  currency: '通貨',
  delivered: '納品日',
  escrow: '仮払い',
  url: '案件url',
  delivery: '納品番号',
  show: '表示',
  for: '期間',
  timezone: 'タイムゾーン',
  quiet_hours: 'おやすみ時間',
  weekends: '土日',
  holidays: '祝日',
  language: '言語',
  fallback_channel: '通知チャンネル',
  moderator_role: 'モデレーターロール',
  clear: '解除',
};
