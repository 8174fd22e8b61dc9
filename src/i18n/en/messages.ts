import { LIMITS } from '../../domain/limits.js';
import { FREELANCE_ACT_NAME_JA, LEGAL_PAYMENT_DAYS, type IsoDate } from '../../domain/facts.js';
import { NET_DAYS_MAX } from '../../domain/payment-terms.js';
import { MARKETPLACE_LABELS, MARKETPLACES } from '../../domain/marketplace.js';
import { SNOOZE_BUTTON_DAYS, SNOOZE_MAX_DAYS, SNOOZE_MIN_HOURS } from '../../domain/reminders.js';
import { bareAmount, formatIsoDate } from '../format.js';
import type { Messages } from '../messages.js';
import { enModeration } from './moderation.js';
import { enSlack } from './slack.js';
import { plural, pluralPhrase, type PluralForms } from '../plural.js';

const list = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v));
const andList = (v: unknown) => (Array.isArray(v) ? new Intl.ListFormat('en', { type: 'conjunction' }).format(v as string[]) : String(v));

const DAYS: PluralForms = { one: 'day', other: 'days' };
const HOURS: PluralForms = { one: 'hour', other: 'hours' };
const DELIVERIES: PluralForms = { one: 'delivery', other: 'deliveries' };
const REPORTS: PluralForms = { one: 'report', other: 'reports' };
const WRITERS: PluralForms = { one: 'writer', other: 'writers' };

export const en: Messages = {
  errors: {
    INVALID_INPUT: (p) => `That ${String(p.field ?? 'value')} is not valid.`,
    UNKNOWN_COMMAND: (p) =>
      p.group
        ? `There is no command "${String(p.command)}". ${String(p.group)} has: ${list(p.subcommands)}.`
        : p.commands
          ? `There is no command "${String(p.command)}". The commands are ${andList(p.commands)}.`
          : `There is no command "${String(p.command)}". Type /help to see the commands.`,
    UNKNOWN_OPTION: (p) => `"${String(p.option)}" is not an option of ${String(p.command)}. Its options are: ${list(p.options)}.`,
    DUPLICATE_OPTION: (p) => `The option "${String(p.option)}" was given twice. Give it once.`,
    UNEXPECTED_ARGUMENT: (p) => `I don't know what "${String(p.value)}" is for. ${String(p.command)} is typed like this: ${String(p.example)}`,
    UNBALANCED_QUOTE: () => 'A quotation mark is not closed. Put values with spaces in "double quotes".',
    CLIENT_REQUIRED: () => "Say who the client is: client: with their name, profile: with their marketplace profile URL (for example https://crowdworks.jp/public/employers/123456), or both.",
    CLIENT_URL_UNRECOGNIZED: (p) =>
      p.marketplace
        ? `That ${String(p.marketplace)} link is not a client profile. Use the client's profile page (on CrowdWorks: https://crowdworks.jp/public/employers/<number>), or the client's name; put a job link in url: instead.`
        : "That link is not a client profile on CrowdWorks, Lancers, Coconala or Upwork. For a client found elsewhere, give the client's name instead.",
    MARKETPLACE_REQUIRED: () => `Which marketplace was this on? Add marketplace: with one of ${MARKETPLACES.join(', ')}.`,
    MARKETPLACE_MISMATCH: (p) =>
      `You said ${MARKETPLACE_LABELS[p.given as keyof typeof MARKETPLACE_LABELS]?.en ?? String(p.given)}, but the link is a ${MARKETPLACE_LABELS[p.implied as keyof typeof MARKETPLACE_LABELS]?.en ?? String(p.implied)} page. Check the marketplace or the link.`,
    INVALID_URL: (p) => `"${String(p.value)}" is not a web address. Give the job's https:// link.`,
    INVALID_DATE: (p) => `"${String(p.value)}" is not a date I can read. Use 2026-11-01, 2026/11/1, 11/1, today or yesterday.`,
    DATE_NEEDS_YEAR: (p) =>
      `"${String(p.value)}" without a year would be ${String(p.date)}, more than ${plural(Number(p.months), { one: 'month', other: 'months' })} ago. If that is the day, write the year: delivered:${String(p.date)}`,
    DELIVERED_IN_FUTURE: (p) => `${String(p.value)} is in the future. Give the day you actually delivered: today or earlier.`,
    DELIVERED_TOO_EARLY: (p) => `${String(p.value)} is before ${String(p.earliest)}; please check the year.`,
    AMOUNT_INVALID: (p) => `"${String(p.value)}" is not an amount. Write it like 5000, 5,000, 5000円 or 5万円.`,
    AMOUNT_OUT_OF_RANGE: (p) => `The amount must be more than 0 and at most ${Number(p.max).toLocaleString('en-US')} (you gave ${String(p.value)}).`,
    AMOUNT_PRECISION: (p) => `${String(p.currency)} amounts have at most ${String(p.digits)} decimal places (you gave ${String(p.value)}).`,
    EVENT_IN_FUTURE: (p) => `${String(p.value)} is in the future. Record what has already happened, with the day it happened.`,
    EVENT_BEFORE_DELIVERY: (p) =>
      `${String(p.value)}${/^\d{4}/.test(String(p.value)) ? '' : ` (${formatIsoDate(p.resolved as IsoDate, 'en')})`} is before delivery #${String(p.number)} was delivered (${formatIsoDate(p.delivered as IsoDate, 'en')}). Give a day on or after the delivery.`,
    NO_PLATFORM_DESK: (p) =>
      `Delivery #${String(p.number)} is ${p.marketplace === 'direct' ? 'a direct deal' : 'on a site Kenshu has no desk for'}, so there is no platform support desk to ask. Record a message to the client with event:sent, or anything else with event:note.`,
    UNKNOWN_CURRENCY: (p) => `"${String(p.value)}" is not a currency code. Use a three-letter code such as JPY or USD.`,
    CURRENCY_MISMATCH: (p) =>
      `The amount ${String(p.amount)} names its own currency, which is not ${String(p.currency)}. Write the amount as a number alone (amount:${bareAmount(p.amount)} currency:${String(p.currency)}), or leave currency: out.`,
    INVALID_DELIVERY_NUMBER: (p) => `"${String(p.value)}" is not a delivery number. Use the number from /deliver list, like 3 or #3.`,
    DELIVERY_NOT_FOUND: (p) => `You have no delivery #${String(p.number)}. /deliver list shows yours.`,
    DELIVERY_NOT_YOURS: () => 'That delivery is not one of yours, or no longer exists, so nothing changed. /deliver list shows yours.',
    INVALID_TRANSITION: (p) => {
      const from = en.status[p.from as keyof Messages['status']] ?? String(p.from);
      const action = { accept: 'mark it accepted', pay: 'mark it paid', cancel: 'cancel it' }[String(p.action)] ?? String(p.action);
      return `This delivery is already ${from.toLowerCase()}, so you cannot ${action}.`;
    },
    DELIVERY_CLOSED: (p) => `Delivery #${String(p.number)} is already ${(en.status[p.status as keyof Messages['status']] ?? String(p.status)).toLowerCase()}; it has no reminders.`,
    INVALID_DURATION: (p) => `"${String(p.value)}" is not a length of time I can read. Write 3d, 1w, 12h, 3日 or 1週間 (from ${plural(SNOOZE_MIN_HOURS, HOURS)} to ${plural(SNOOZE_MAX_DAYS, DAYS)}).`,
    DURATION_OUT_OF_RANGE: (p) =>
      p.issue === 'too_short'
        ? `"${String(p.value)}" is too short: a snooze lasts at least ${plural(Number(p.min_hours), HOURS)} (for example 1h or 3d).`
        : `"${String(p.value)}" is too long: a snooze lasts at most ${plural(Number(p.max_days), DAYS)} (for example ${String(p.max_days)}d or ${String(Math.floor(Number(p.max_days) / 7))}w).`,
    INVALID_QUIET_HOURS: (p) => `"${String(p.value)}" is not a span of hours. Write 22-08, 22:30-07:00, or off.`,
    INVALID_TIMEZONE: (p) => `"${String(p.value)}" is not a time zone. Use a name like Asia/Tokyo or America/New_York.`,
    UNKNOWN_BUTTON: () => 'That button no longer does anything. /remind list shows your reminders.',
    FORBIDDEN: (p) => {
      if (p.direct === 'yes') return "Only this community's moderators can do that, and in a direct message nobody moderates: run it in the community itself.";
      if (p.level !== 'admin') return "Only this community's moderators can do that. Moderators are its admins, holders of its moderator role, and members an admin added with /mod settings add_moderator.";
      const options = Array.isArray(p.options) ? (p.options as readonly string[]) : [];
      const allowed = Array.isArray(p.allowed) ? (p.allowed as readonly string[]) : [];
      return [
        `Only this community's admins (on Discord the server owner or members with Manage Server; in the console its owner) can ${options.length ? `change ${options.join(', ')}` : 'do that'}.`,
        ...(allowed.length ? [`Moderators may change ${allowed.join(', ')}. Nothing was saved.`] : []),
      ].join(' ');
    },
    FLAG_DELIVERY_REQUIRED: () => 'In this community a report must be linked to one of your deliveries for the client: give delivery: with its number (see /deliver list).',
    FLAG_DELIVERY_MISMATCH: (p) => `Your delivery #${String(p.number)} is with ${String(p.client)}, not this client. A report must be linked to a delivery you made for the client you report.`,
    FLAG_TOO_EARLY: (p) => `It is too early to report this client: wait until day ${String(p.days)} after ${p.from === 'recorded' ? 'you recorded ' : ''}delivery #${String(p.number)}${p.from === 'recorded' ? ' in Kenshu' : ''}, when the first reminder is due, and try a polite message first.`,
    FLAG_IN_DIRECT_MESSAGE: () => "A direct message is your own space, where nobody moderates: file the report in your community's server, where its moderators review it.",
    FLAG_RATE_LIMITED: (p) => `You can file at most ${plural(Number(p.limit), REPORTS)} a day in this community. Please try again tomorrow.`,
    FLAG_DUPLICATE: () => 'You already have an active report of this kind about this client. /client retract with its number takes it back; a report of another kind can be filed.',
    FLAG_NOT_FOUND: (p) => `You have no report #${String(p.id)}. Give the number from the reply to /client flag, like 12.`,
    FLAG_NOT_ACTIVE: (p) => `Report #${String(p.id)} is already ${en.client.state[p.state as keyof Messages['client']['state']] ?? String(p.state)}.`,
    REPORT_NOT_FOUND: (p) => `This community has no report #${String(p.number)}. Give the number /mod queue shows, like 3.`,
    REPORT_NOT_REVIEWABLE: (p) =>
      `Report #${String(p.number)} is ${en.client.state[p.state as keyof Messages['client']['state']] ?? String(p.state)}: only ${p.action === 'remove' ? 'an approved report can be removed' : `a report pending review can be ${p.action === 'approve' ? 'approved' : 'rejected'}`}.`,
    STORE_UNAVAILABLE: () => 'The database is not answering right now, so nothing was saved. Please try again in a minute.',
    STORE_OUTCOME_UNKNOWN: () => 'The database stopped answering while saving, so this may have been saved. In a minute, check whether the change is there (a delivery: /deliver list); if it is not, trying again is safe.',
    // Editing a delivery, payment terms, reopening
    PROFILE_INVALID: (p) => `"${String(p.value)}" is not a client profile. Give the profile's URL on CrowdWorks, Lancers, Coconala or Upwork (for example https://crowdworks.jp/public/employers/123456) or its key, like crowdworks:123456; the client's name goes in client:.`,
    DUE_INVALID: (p) => `"${String(p.value)}" is not a due date or payment terms I can read. Use a date (2026-12-31, 12/31), 月末締め翌月末払い, 翌々月末払い, or net30 / net60 (1 to ${NET_DAYS_MAX} days).`,
    DUE_BEFORE_DELIVERY: (p) => `The due date ${String(p.value)} is before the delivery. Give the day payment is due.`,
    DUE_TOO_LATE: (p) => `The due date ${String(p.value)} is more than ${String(p.days)} days after the delivery; please check the year.`,
    DUE_ON_PLATFORM: (p) => `On ${MARKETPLACE_LABELS[p.marketplace as keyof typeof MARKETPLACE_LABELS]?.en ?? String(p.marketplace)} the platform's escrow decides when you are paid, so due: is only for direct and other deals.`,
    EDIT_NOTHING: () => 'Say what to change: one or more of client, profile, title, amount, currency, delivered, escrow, due, letter_language.',
    PROFILE_MISMATCH: (p) => `client: names the profile ${String(p.client)} but profile: names ${String(p.profile)}. Give the profile once, in profile:, and the client's name in client:.`,
    REOPEN_NOT_CLOSED: (p) => `Delivery #${String(p.number)} is still awaiting review: there is nothing to reopen.`,
    CHANNEL_NOT_IN_COMMUNITY: (p) => {
      const place = p.platform === 'slack' ? 'workspace' : 'server';
      return `${String(p.option)} must be a channel of this ${place}, and the one given is not: pick one from this ${place}'s list of channels. Nothing was saved.`;
    },
    CHANNEL_WITHOUT_KENSHU: (p) => `Kenshu is not in the channel ${String(p.channel)} yet, so it could not post there. Invite it first (in that channel, type /invite @Kenshu), then try again. Nothing was saved.`,
    MEMBER_NOT_FOUND: (p) => `Kenshu does not know the member "${String(p.name)}" yet: they need to use any Kenshu command once (on Discord pick them from the list; in the console give the name used with /as). Nothing was saved.`,
    CLIENT_NOT_KNOWN_HERE: (p) =>
      `This community has no delivery or report for ${String(p.client)}. Moderators act only on clients their community knows: name it by its profile URL, marketplace:id (crowdworks:123456) or its exact name, as /client lookup shows it.`,
    CLIENT_REPLY_NONE: (p) => `No reply of ${String(p.client)} is recorded in this community, so there is nothing to clear. /mod reply client:… text:… records one.`,
    CLIENT_REPLY_INPUT: () => `Give text: with the client's reply (plain text, up to ${LIMITS.clientReplyLength} characters), or clear:yes to remove the recorded one; not both.`,
    MERGE_SELF: (p) => `${String(p.client)} cannot be merged into itself: give two different clients, client: the one merged away and into: the one it follows.`,
    MERGE_CYCLE: (p) => `${String(p.into)} already follows ${String(p.client)} in this community, so ${String(p.client)} cannot follow it. Undo that first with /mod unmerge client:${String(p.into)}, or merge the other way round.`,
    ALREADY_MERGED: (p) => `${String(p.client)} already follows ${String(p.into)} in this community. Undo that first with /mod unmerge client:${String(p.client)}.`,
    NOT_MERGED: (p) => `${String(p.client)} is not merged into another client in this community: there is nothing to undo.`,
  },
  fields: {
    client: 'client',
    title: 'title',
    marketplace: 'marketplace',
    amount: 'amount',
    currency: 'currency',
    delivered: 'delivered',
    escrow: 'escrow',
    url: 'url',
    profile: 'profile',
    due: 'due',
    letter_language: 'letter_language',
    delivery: 'delivery',
    show: 'show',
    for: 'for',
    timezone: 'timezone',
    quiet_hours: 'quiet_hours',
    weekends: 'weekends',
    holidays: 'holidays',
    language: 'language',
    at: 'at',
    fallback_channel: 'fallback_channel',
    moderator_role: 'moderator_role',
    clear: 'clear',
    reason: 'reason',
    note: 'note',
    flag: 'flag',
    report: 'report',
    page: 'page',
    period: 'period',
    sharing: 'sharing',
    show_from_others: 'show_from_others',
    consensus_min_writers: 'consensus_min_writers',
    flag_daily_limit: 'flag_daily_limit',
    flag_delivery: 'flag_delivery',
    max_per_writer: 'max_per_writer',
    min_writers: 'min_writers',
    command: 'command',
    subcommand: 'subcommand',
    event: 'event',
    text: 'text',
  },
  inputIssue: {
    required: (f) => `Please give ${f}: (it is required).`,
    tooLong: (f, max) => `${f} is too long: at most ${max} characters.`,
    outOfRange: (f, min, max) => `${f} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}.`,
    invalidChoice: (f, choices) => `${f} must be one of: ${choices.join(', ')}.`,
    invalid: (f) => `That ${f} is not valid.`,
  },
  apology: 'Sorry, something went wrong on our side. Nothing you typed was lost; please try again.',
  errorTitle: 'Not done',
  status: { awaiting_review: 'Awaiting review', accepted: 'Accepted', paid: 'Paid', cancelled: 'Cancelled' },
  escrow: { funded: 'Funded', not_funded: 'Not funded', unknown: 'Unknown' },
  marketplace: (m) => MARKETPLACE_LABELS[m].en,
  stage: {
    check_in: { name: 'Check-in', summary: 'a polite message to the client, with a template' },
    follow_up: { name: 'Follow-up', summary: 'another message, asking for a review or a reply by a date' },
    platform_desk: { name: 'Platform desk', summary: "ask the marketplace's support to contact the client" },
    record_and_warn: { name: 'Record', summary: 'your record so far, a letter with a date, and the option to flag the client' },
    legal: { name: 'Legal deadline', summary: `payment is due within ${LEGAL_PAYMENT_DAYS} days of receipt (Freelance Act)` },
    after_deadline: { name: 'After the deadline', summary: 'the legal deadline has passed: the routes that remain, once' },
  },
  delivery: {
    recordedTitle: (n) => `Delivery #${n} recorded`,
    client: 'Client',
    title: 'Title',
    marketplace: 'Marketplace',
    amount: 'Amount',
    delivered: 'Delivered',
    escrow: 'Escrow',
    jobUrl: 'Job',
    status: 'Status',
    planHeading: 'Reminder plan',
    planLine: (day, date, name, summary) => `${day === 0 ? 'Delivery day' : `${plural(day, DAYS)} after delivery`} (${date}): ${name}: ${summary}`,
    planNote: 'Reminders come by direct message, outside your quiet hours.',
    planAlreadyDue: (count) =>
      `${pluralPhrase(count, { one: 'One stage is', other: '# stages are' })} already due by date. Kenshu starts with the check-in and then keeps the usual gaps, so no firmer letter comes before a polite one.`,
    noPlan: 'No reminders are planned for this delivery.',
    escrowNotFunded: 'Escrow (仮払い) is not funded: do not do more work until the client funds it, and ask them to fund it first.',
    directDeal: 'A direct deal has no platform to protect you: keep your messages and invoices. Reminders continue until you mark it paid.',
    markHint: (n) => `When the client responds: /deliver accepted ${n}, /deliver paid ${n}.`,
    listTitle: (scope, count) => (scope === 'open' ? `Your open deliveries (${count})` : `All your deliveries (${count})`),
    listEmpty: (scope) => (scope === 'open' ? 'You have no open deliveries. Record one with /deliver new.' : 'You have not recorded any deliveries yet. Record one with /deliver new.'),
    listLine: (p) =>
      `#${p.number} ${p.title}: ${p.client}${p.amount ? `, ${p.amount}` : ''}. Delivered ${p.delivered} (${plural(p.days, DAYS)} ago). ${p.status}.`,
    listNext: (date, name) => `Next reminder: ${name}, ${date}.`,
    listMore: (shown, total) => `Showing the newest ${shown} of ${total}.`,
    acceptedTitle: (n) => `Delivery #${n} accepted`,
    acceptedEndsLadder: 'Escrow releases the payment on acceptance, so reminders for this delivery have ended.',
    acceptedAwaitPayment: (n) => `Now waiting for payment: the payment reminders continue until you mark it paid with /deliver paid ${n}.`,
    paidTitle: (n) => `Delivery #${n} paid`,
    paidBody: (days) => `Paid ${plural(days, DAYS)} after delivery. Well done.`,
    cancelledTitle: (n) => `Delivery #${n} cancelled`,
    remindersEnded: 'Reminders for this delivery have ended.',
    daysToAcceptance: (days) => `Accepted ${plural(days, DAYS)} after delivery.`,
  },
  deliveryEdit: {
    letterLanguage: 'Letters in',
    letterLanguageName: (l) => (l === 'ja' ? 'Japanese' : 'English'),
    due: 'Payment due',
    dueValue: (date, terms) => {
      const net = terms ? /^net(\d+)$/.exec(terms) : null;
      const label = net
        ? `net ${net[1]}: ${plural(Number(net[1]), DAYS)} after delivery`
        : terms === 'month_end_next_month_end'
          ? 'end of the month after delivery (月末締め翌月末払い)'
          : terms === 'month_end_month_after_next_end'
            ? 'end of the second month after delivery (月末締め翌々月末払い)'
            : null;
      return label ? `${date} (${label})` : date;
    },
    nameMissing: (n) => `Letters need the client's name to address them. Add it with /deliver edit ${n} client:"…".`,
    knownAs: (names) => `This community already knows this client as ${names.map((n) => `"${n}"`).join(', ')}.`,
    dueAfterLegal: (legalDate) =>
      `This due date is after the Freelance Act's deadline (${FREELANCE_ACT_NAME_JA}: payment within ${LEGAL_PAYMENT_DAYS} days of receiving the work, here ${legalDate}) where the Act binds the client. It is recorded as agreed; you may ask the client to move it earlier.`,
    invoice: (due, n) =>
      due
        ? `Send the client an invoice (請求書) with the amount and the due date, ${due}: in a direct deal it is your record of what is owed.`
        : `Send the client an invoice (請求書) and agree when they pay; record it with /deliver edit ${n} due:2026-12-31 (or 月末締め翌月末払い, net30).`,
    editedTitle: (n) => `Delivery #${n} updated`,
    changed: (fields) => `Changed: ${fields.join(', ')}.`,
    unchanged: 'Nothing changed: those are the values already recorded.',
    planMoved: (next) => (next ? `The reminders were planned again: the next comes ${next}.` : 'No reminder is left for this delivery.'),
    planDueNow: 'The reminders were planned again: one is already due and comes shortly (outside your quiet hours).',
    reopenedTitle: (n) => `Delivery #${n} reopened`,
    reopenedTo: (status) =>
      status === 'accepted'
        ? 'It had been accepted, so it is back to accepted.'
        : 'It had not been accepted, so it is back to awaiting review and the reminders continue.',
    totalsHeading: 'Still owed',
    totalOwed: (amount, count) => `${amount} over ${plural(count, DELIVERIES)}`,
    withoutAmount: (count) => `${plural(count, DELIVERIES)} without an amount`,
    oldestUnpaid: (days) => `Oldest unpaid: delivered ${plural(days, DAYS)} ago`,
  },
  remind: {
    listTitle: (count) => `Your reminders (${pluralPhrase(count, { one: '# open delivery', other: '# open deliveries' })})`,
    listEmpty: 'You have no open deliveries, so no reminders. Record one with /deliver new.',
    listLine: (p) => `#${p.number} ${p.title}: ${p.client}`,
    next: (when, stageName) => `Next: ${stageName}, ${when}`,
    snoozedUntil: (when) => `Snoozed until ${when}`,
    paused: 'Paused: /remind resume to start again',
    stopped: 'Stopped: /remind resume to start again',
    nothingLeft: 'No more reminders for this one',
    snoozedTitle: (n, when) => `Reminders for #${n} snoozed until ${when}`,
    pausedTitle: (n) => `Reminders for #${n} paused`,
    resumedTitle: (n) => `Reminders for #${n} resumed`,
    stoppedTitle: (n) => `Reminders for #${n} stopped`,
    resumeHint: (n) => `/remind resume ${n} starts them again.`,
    settingsTitle: 'Your reminder settings',
    settingsSaved: 'Saved. Your open deliveries follow the new settings from now on.',
    timezone: 'Time zone',
    quietHours: 'Quiet hours',
    quietOff: 'Off',
    weekends: 'Weekends',
    holidays: 'Japanese public holidays',
    language: 'Language',
    send: 'Send reminders',
    skip: 'No reminders',
    languageName: (l) => (l === 'ja' ? '日本語' : 'English'),
    settingsHint: 'Change with /remind settings timezone:Asia/Tokyo quiet_hours:22-08 weekends:skip holidays:skip language:en',
  },
  nudge: {
    buttons: { accept: 'Accepted', pay: 'Paid', snooze: `Snooze ${plural(SNOOZE_BUTTON_DAYS, DAYS)}`, stop: 'Stop reminders', show: 'Show message', sent: 'Sent it', desk: 'Asked the desk', replied: 'Client replied' },
    notYetDue: (when) => `This stage is not due yet (${when}); here is its advice early.`,
    inLanguage: (locale) => (locale === 'ja' ? ' (in Japanese)' : ' (in English)'),
    fallbackTitle: 'A reminder from Kenshu is waiting for you',
    fallbackBody: (n) => `Your direct messages are closed, so it could not be delivered privately. It is about your delivery #${n}: press Show message (only you will see it) or run /remind now ${n}, and allow direct messages so the next ones reach you.`,
    dmClosedNotice: 'A reminder could not reach you because your direct messages are closed. Allow direct messages from this server or app so reminders reach you; /remind list shows where each delivery stands.',
  },
  client: {
    category: {
      no_response_after_delivery: 'No response after delivery',
      late_acceptance: 'Late acceptance',
      unpaid: 'Unpaid',
      paid_after_platform_intervention: 'Paid only after the platform stepped in',
      scope_creep: 'Scope creep',
      off_platform_request: 'Asked to deal off the platform',
      abusive_communication: 'Abusive communication',
      unfair_rejection: 'Unfair rejection',
    },
    state: { pending: 'pending review', approved: 'approved', rejected: 'rejected', retracted: 'retracted', removed: 'removed', expired: 'expired' },
    reason: 'Reason',
    identity: 'Client',
    aliases: 'Also known as',
    profile: 'Profile',
    figuresHeading: (federated) => (federated ? 'Tracked deliveries (this community and communities that share)' : 'Tracked deliveries (this community)'),
    figures: (p) => `${plural(p.deliveries, DELIVERIES)} by ${plural(p.writers, WRITERS)}`,
    medianAcceptance: (days) => `Median time to acceptance: ${plural(days, DAYS)}`,
    paidShare: (paid, settled) => `Paid: ${paid} of ${settled}`,
    deskShare: (desk, total) => `Needed the platform's support desk: ${desk} of ${total}`,
    overdue: (n) => `Waiting for review past the first reminder right now: ${n}`,
    figuresWithheld: 'Known here, but too few writers have recorded this client to show figures.',
    ownHeading: 'Your own deliveries (never counted in the figures)',
    own: (p) => `Your own: ${plural(p.deliveries, DELIVERIES)}, ${p.paid} paid`,
    reportsHeading: 'Reports approved by moderators',
    report: (p) => `${p.category}: ${plural(p.count, REPORTS)} from ${plural(p.writers, WRITERS)} (${p.first === p.last ? p.first : `${p.first} – ${p.last}`})`,
    outcome: (p) =>
      `Since then: ${[p.accepted ? `${p.accepted} accepted` : '', p.paid ? `${p.paid} paid${p.paidAfterDesk ? ` (${p.paidAfterDesk} after the platform's contact reminder)` : ''}` : ''].filter(Boolean).join(', ')}`,
    noReports: 'No approved reports.',
    noTrackRecordTitle: (name) => `No track record for ${name}`,
    noTrackRecord: 'Nobody here has recorded a delivery with this client or filed an approved report. No record is not a good record: be careful with clients nobody knows yet.',
    checkMarketplace: "Before taking a job, check the marketplace's own rating, reviews and completion rate (完了率) for this client.",
    candidatesTitle: (count) => pluralPhrase(count, { one: 'One client has a similar name', other: '# clients have similar names' }),
    candidatesHint: (count) => pluralPhrase(count, { one: 'Look it up by its exact name or profile URL.', other: 'Look one up by its exact name or profile URL.' }),
    flaggedTitle: (id) => `Report #${id} filed`,
    flaggedBody: "A moderator reviews it before anyone sees it. Lookups show only counts and the month, never who reported or your note. /client retract flag:<number> takes it back.",
    retractedTitle: (id) => `Report #${id} retracted`,
  },
  record: {
    loggedTitle: (n, kind) =>
      ({
        sent: `#${n}: your message to the client is recorded`,
        desk: `#${n}: your request to the support desk is recorded`,
        replied: `#${n}: the client's reply is recorded`,
        note: `#${n}: note added`,
      })[kind],
    when: (date) => `Date: ${date}`,
    text: (t) => `Text: ${t}`,
    alreadyRecorded: (date) => `This was already recorded (${date}); pressing again adds nothing.`,
    otherDayHint: (n, kind, example) => `If it was on another day: /deliver log ${n} event:${kind} at:${example}`,
    whyRecord: "Letters, desk requests and the evidence file mention contacts only from what you record, never from Kenshu's reminders.",
    showHint: (n) => `/deliver show ${n} shows the whole record.`,
    showActions: (n) => `/deliver log ${n} event:sent records a message to the client; /deliver evidence ${n} writes all of this to a file.`,
    showTitle: (n, title) => `Delivery #${n}: ${title}`,
    timelineIntro: "What happened, oldest first. Kenshu's reminders were messages to you, not to the client.",
    timelineLine: (date, text) => `${date}: ${text}`,
    more: (count, n) => `… ${pluralPhrase(count, { one: 'one more entry is', other: '# more entries are' })} not shown here: /deliver evidence ${n} writes them all to a file.`,
    entry: {
      recorded: 'Recorded in Kenshu',
      delivered: 'Delivered',
      reminder: (stage) => `Kenshu reminded you (${stage})`,
      reminderFallback: (stage) => `Kenshu reminded you (${stage}) in the community channel: your DMs were closed`,
      reminderUnreachable: (stage) => `Kenshu's reminder (${stage}) could not reach you: your DMs were closed`,
      reminderFailed: (stage) => `Kenshu's reminder (${stage}) could not be sent`,
      writer: { sent: 'You contacted the client', desk: "You asked the platform's support desk", replied: 'The client replied', note: 'Note' },
      withText: (label, text) => `${label}: “${text}”`,
      change: { accepted: 'Marked accepted', paid: 'Marked paid', cancelled: 'Marked cancelled', reopened: 'Reopened', edited: 'Details corrected' },
    },
    evidenceTitle: (n) => `Evidence file for delivery #${n}`,
    evidenceBody:
      "The file sets out the deal and what you recorded: messages to the client, requests to the desk, the client's replies. The reminders Kenshu sent you are listed apart from those. Attach it to a request to the platform's support desk, or show it to a lawyer.",
    evidenceHotline: (name, phone) => `Free legal advice for freelancers: ${name} (${phone}).`,
    fileSaved: (path) => `File saved: ${path}`,
    file: {
      heading: (n, title) => `Delivery record: ${title} (#${n})`,
      written: (when, timezone) => `Written by Kenshu on ${when}. Dates are in the ${timezone} time zone.`,
      factsHeading: 'The deal',
      client: 'Client',
      clientProfile: "Client's profile",
      marketplace: 'Marketplace',
      jobUrl: 'Job page',
      title: 'Title of the work',
      amount: 'Fee',
      escrow: 'Escrow (仮払い)',
      delivered: 'Delivered',
      recorded: 'Recorded in Kenshu',
      status: 'Status',
      agreedDue: 'Agreed payment date',
      legalDue: 'Payment deadline under the Freelance Act',
      legalDueValue: (date, passed) => (passed ? `${date} (passed)` : date),
      legalNote: (act, days) => `Under Japan's Freelance Act (${act}), a client it binds pays within ${days} days of receiving the work, the day of receipt counted as day 1.`,
      contactsHeading: 'Messages to the client, as the writer recorded them',
      deskHeading: "Requests to the platform's support desk, as the writer recorded them",
      repliesHeading: 'Replies from the client, as the writer recorded them',
      notesHeading: "The writer's notes",
      changesHeading: 'Status changes',
      noneRecorded: 'None recorded.',
      confirmedNote: 'The entries in the next sections were recorded by the writer, with the dates they gave.',
      remindersHeading: 'Reminders Kenshu sent to the writer',
      remindersNote: 'These were messages from Kenshu to the writer, not to the client or the desk.',
      noReminders: 'None yet.',
      timelineHeading: 'Full timeline',
    },
  },
  privacy: {
    exportTitle: 'Your data in Kenshu',
    exportBody: (p) =>
      `The file holds your profile and settings, ${pluralPhrase(p.deliveries, { one: 'your one delivery', other: 'your # deliveries' })} with what you recorded and the reminders Kenshu sent, and ${pluralPhrase(p.reports, { one: 'the one report you filed', other: 'the # reports you filed' })} with their states.`,
    exportPrivate: "Nothing of other members is in it, and not who reviewed your reports. /privacy delete erases your data.",
    deleteTitle: 'Erase your data from Kenshu?',
    deleteWill: (p) => [
      'Your profile, name and settings.',
      pluralPhrase(p.deliveries, { one: 'Your one delivery, with what you recorded and its reminders.', other: 'Your # deliveries, with what you recorded and their reminders.' }),
      p.pendingReports > 0
        ? pluralPhrase(p.pendingReports, { one: 'Your one report waiting for review: it is withdrawn.', other: 'Your # reports waiting for review: they are withdrawn.' })
        : 'Your reports that were rejected, retracted or removed, and every note you wrote.',
    ],
    deleteKeeps: (n) =>
      pluralPhrase(n, {
        one: 'Your one approved report stays in the warning list as an anonymous count about the client, with no link to you and no note.',
        other: 'Your # approved reports stay in the warning list as anonymous counts about the clients, with no link to you and no notes.',
      }),
    deleteFinal: 'This cannot be undone. /privacy export first if you want a copy. Only you can confirm.',
    confirmButton: 'Confirm and erase',
    erasedTitle: 'Your data is erased',
    erasedBody: 'Kenshu no longer holds your profile, deliveries, settings or notes. If you use Kenshu again, it starts from nothing.',
    alreadyErased: 'There is nothing of yours left to erase.',
  },
  suggest: {
    delivery: (p) => `#${p.number} ${p.title} (${p.client})`,
  },
  help: {
    title: 'Kenshu commands',
    intro: 'Record what you deliver; Kenshu reminds you what to do if the client goes quiet.',
    optionsLabel: 'options',
    required: 'required',
    groupHint: (group) => `/help ${group} shows the options of each.`,
    slackTyping:
      'On Slack, type /kenshu before any of these (/kenshu remind list, /kenshu help deliver): Slack keeps /remind for itself. /deliver, /client, /mod and /privacy also work on their own. In a DM to Kenshu, type the command without the slash (deliver list).',
    consoleExtras: ['/as <name>: act as another member of this console community', '/press <label>: press a button of the last message', '/tick: run the reminder scheduler now; /tick at:2026-12-01T10:00+09:00 runs it as of that moment (and moves the console clock there)', '/help: this list', '/quit: leave (or end the input)'],
  },
  console: {
    welcome: (who, driver) => `Kenshu console. You are "${who}" (writer and owner of this community); data: ${driver}. Type /help for commands.`,
    switched: (who) => `You are now "${who}".`,
    currentMember: (who) => `You are "${who}". /as <name> switches.`,
    unknownConsoleCommand: (word) => `There is no command "${word}". Type /help to see the commands.`,
    tickDone: (p) => `Scheduler ran as of ${p.at}: ${p.sent} sent, ${p.waiting} waiting, ${p.other} other.`,
    noButtons: 'There are no buttons to press yet: they come with reminders and with /remind now.',
    unknownButton: (label, labels) => `There is no button "${label}". You can press: ${labels.join(', ')}.`,
    bye: 'Bye.',
  },
  ...enModeration,
  ...enSlack,
};
