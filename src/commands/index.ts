import type { AnyCommand, Localized } from './command.js';
import deliverAccepted from './deliver-accepted.js';
import deliverCancel from './deliver-cancel.js';
import deliverEvidence from './deliver-evidence.js';
import deliverLog from './deliver-log.js';
import deliverShow from './deliver-show.js';
import deliverEdit from './deliver-edit.js';
import deliverList from './deliver-list.js';
import deliverNew from './deliver-new.js';
import deliverPaid from './deliver-paid.js';
import deliverReopen from './deliver-reopen.js';
import clientFlag from './client-flag.js';
import clientLookup from './client-lookup.js';
import clientRetract from './client-retract.js';
import help from './help.js';
import modAudit from './mod-audit.js';
import modExport from './mod-export.js';
import modMerge from './mod-merge.js';
import modReply from './mod-reply.js';
import modApprove from './mod-approve.js';
import modQueue from './mod-queue.js';
import modReject from './mod-reject.js';
import modRemove from './mod-remove.js';
import modReport from './mod-report.js';
import modSettings from './mod-settings.js';
import modUnmerge from './mod-unmerge.js';
import privacyDelete from './privacy-delete.js';
import privacyExport from './privacy-export.js';
import remindList from './remind-list.js';
import remindNow from './remind-now.js';
import remindPause from './remind-pause.js';
import remindResume from './remind-resume.js';
import remindSettings from './remind-settings.js';
import remindSnooze from './remind-snooze.js';

/** Every command, in the order help lists them. Adapters loop over this; nothing is written twice. */
export const commands: readonly AnyCommand[] = [
  deliverNew,
  deliverList,
  deliverAccepted,
  deliverPaid,
  deliverCancel,
  deliverShow,
  deliverLog,
  deliverEvidence,
  deliverEdit,
  deliverReopen,
  remindList,
  remindSnooze,
  remindPause,
  remindResume,
  remindNow,
  remindSettings,
  clientLookup,
  clientFlag,
  clientRetract,
  modQueue,
  modApprove,
  modReject,
  modRemove,
  modSettings,
  modReply,
  modMerge,
  modUnmerge,
  modAudit,
  modReport,
  modExport,
  privacyExport,
  privacyDelete,
  help,
];

/** The command a typed path names: `['deliver', 'new']`, or `['help']`. */
export function findCommand(words: readonly string[]): { command: AnyCommand; consumed: number } | undefined {
  const [group, name] = words.map((w) => w.normalize('NFKC').toLowerCase());
  const withName = commands.find((c) => c.group === group && c.name !== undefined && c.name === name);
  if (withName) return { command: withName, consumed: 2 };
  const alone = commands.find((c) => c.group === group && c.name === undefined);
  return alone ? { command: alone, consumed: 1 } : undefined;
}

/** What each group of subcommands is for, where a platform shows it (Discord's top-level command). */
export const groupDescriptions: Record<string, Localized> = {
  deliver: { en: 'Record deliveries and what you did about them, mark them accepted, paid or cancelled, and correct them', ja: '納品と対応の記録、検収・支払い・キャンセルの登録と修正' },
  remind: { en: 'Your reminders: see, snooze, pause, settings', ja: 'リマインドの確認・一時停止・設定' },
  client: { en: 'Look clients up and report them to the moderated warning list', ja: 'クライアントの照会と注意リストへの報告' },
  mod: { en: 'Moderate Kenshu in this community', ja: 'このコミュニティでの Kenshu の管理' },
  privacy: { en: 'Your own data: export it, or erase it', ja: '自分のデータの書き出しと削除' },
};
