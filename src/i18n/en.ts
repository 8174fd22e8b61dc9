import { MARKETPLACE_LABELS, MARKETPLACES } from '../domain/marketplace.js';
import type { Messages } from './messages.js';

const list = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v));

export const en: Messages = {
  errors: {
    INVALID_INPUT: (p) => `That ${String(p.field ?? 'value')} is not valid.`,
    UNKNOWN_COMMAND: (p) => `There is no command "${String(p.command)}". Type /help to see the commands.`,
    UNKNOWN_OPTION: (p) => `"${String(p.option)}" is not an option of ${String(p.command)}. Its options are: ${list(p.options)}.`,
    DUPLICATE_OPTION: (p) => `The option "${String(p.option)}" was given twice.`,
    UNEXPECTED_ARGUMENT: (p) => `I don't know what "${String(p.value)}" is for. Name the option, like title:"…".`,
    UNBALANCED_QUOTE: () => 'A quotation mark is not closed. Put values with spaces in "double quotes".',
    CLIENT_REQUIRED: () => 'Say who the client is: their marketplace profile URL (for example https://crowdworks.jp/public/employers/123456) or their name.',
    CLIENT_URL_UNRECOGNIZED: (p) =>
      p.marketplace
        ? `That ${String(p.marketplace)} link is not a client profile. Use the client's profile page (on CrowdWorks: https://crowdworks.jp/public/employers/<number>), or the client's name; put a job link in url: instead.`
        : "That link is not a client profile on CrowdWorks, Lancers, Coconala or Upwork. For a client found elsewhere, give the client's name instead.",
    MARKETPLACE_REQUIRED: () => `Which marketplace was this on? Add marketplace: with one of ${MARKETPLACES.join(', ')}.`,
    MARKETPLACE_MISMATCH: (p) =>
      `You said ${MARKETPLACE_LABELS[p.given as keyof typeof MARKETPLACE_LABELS]?.en ?? String(p.given)}, but the link is a ${MARKETPLACE_LABELS[p.implied as keyof typeof MARKETPLACE_LABELS]?.en ?? String(p.implied)} page. Check the marketplace or the link.`,
    INVALID_URL: (p) => `"${String(p.value)}" is not a web address. Give the job's https:// link.`,
    INVALID_DATE: (p) => `"${String(p.value)}" is not a date I can read. Use 2026-11-01, 2026/11/1, 11/1, today or yesterday.`,
    DELIVERED_IN_FUTURE: (p) => `${String(p.value)} is in the future. Give the day you actually delivered.`,
    DELIVERED_TOO_EARLY: (p) => `${String(p.value)} is before ${String(p.earliest)}; please check the year.`,
    AMOUNT_INVALID: (p) => `"${String(p.value)}" is not an amount. Write it like 5000, 5,000 or 5000円.`,
    AMOUNT_OUT_OF_RANGE: (p) => `The amount must be more than 0 and at most ${Number(p.max).toLocaleString('en-US')} (you gave ${String(p.value)}).`,
    AMOUNT_PRECISION: (p) => `${String(p.currency)} amounts have at most ${String(p.digits)} decimal places (you gave ${String(p.value)}).`,
    UNKNOWN_CURRENCY: (p) => `"${String(p.value)}" is not a currency code. Use a three-letter code such as JPY or USD.`,
    CURRENCY_MISMATCH: (p) => `The amount ${String(p.amount)} does not match the currency ${String(p.currency)}.`,
    INVALID_DELIVERY_NUMBER: (p) => `"${String(p.value)}" is not a delivery number. Use the number from /deliver list, like 3 or #3.`,
    DELIVERY_NOT_FOUND: (p) => `You have no delivery #${String(p.number)}. /deliver list shows yours.`,
    INVALID_TRANSITION: (p) => {
      const from = en.status[p.from as keyof Messages['status']] ?? String(p.from);
      const action = { accept: 'mark it accepted', pay: 'mark it paid', cancel: 'cancel it' }[String(p.action)] ?? String(p.action);
      return `This delivery is already ${from.toLowerCase()}, so you cannot ${action}.`;
    },
    STORE_UNAVAILABLE: () => 'The database is not answering right now, so nothing was saved. Please try again in a minute.',
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
    delivery: 'delivery',
    show: 'show',
    command: 'command',
  },
  inputIssue: {
    required: (f) => `Please give ${f}: (it is required).`,
    tooLong: (f, max) => `${f} is too long: at most ${max} characters.`,
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
    follow_up: { name: 'Follow-up', summary: "a second message; check the client's last log-in" },
    platform_desk: { name: 'Platform desk', summary: "ask the marketplace's support to contact the client" },
    record_and_warn: { name: 'Record & warn', summary: 'an evidence summary, and the option to flag the client' },
    legal: { name: 'Legal', summary: 'payment is due within 60 days of delivery (Freelance Act)' },
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
    planLine: (day, date, name, summary) => `Day ${day} (${date}): ${name}: ${summary}`,
    planPastDue: ' (already due)',
    planNote: 'Reminders come by direct message, outside your quiet hours.',
    planAlreadyDue: (count) =>
      `${count === 1 ? 'One stage is' : `${count} stages are`} already due, so the next reminder will be about the latest of them only.`,
    noPlan: 'No reminders are planned for this delivery.',
    escrowNotFunded: 'Escrow (仮払い) is not funded: do not do more work until the client funds it, and ask them to fund it first.',
    directDeal: 'A direct deal has no platform to protect you: keep your messages and invoices. Reminders continue until you mark it paid.',
    markHint: (n) => `When the client responds: /deliver accepted ${n}, /deliver paid ${n}.`,
    listTitle: (scope, count) => (scope === 'open' ? `Your open deliveries (${count})` : `All your deliveries (${count})`),
    listEmpty: (scope) => (scope === 'open' ? 'You have no open deliveries. Record one with /deliver new.' : 'You have not recorded any deliveries yet. Record one with /deliver new.'),
    listLine: (p) =>
      `#${p.number} ${p.title}: ${p.client}${p.amount ? `, ${p.amount}` : ''}. Delivered ${p.delivered} (${p.days === 1 ? '1 day' : `${p.days} days`} ago). ${p.status}.`,
    listNext: (date, name) => `Next reminder: ${name}, ${date}.`,
    listMore: (shown, total) => `Showing the newest ${shown} of ${total}.`,
    acceptedTitle: (n) => `Delivery #${n} accepted`,
    acceptedEndsLadder: 'Escrow releases the payment on acceptance, so reminders for this delivery have ended.',
    acceptedAwaitPayment: (n) => `Now waiting for payment: the payment reminders continue until you mark it paid with /deliver paid ${n}.`,
    paidTitle: (n) => `Delivery #${n} paid`,
    paidBody: (days) => `Paid ${days === 1 ? '1 day' : `${days} days`} after delivery. Well done.`,
    cancelledTitle: (n) => `Delivery #${n} cancelled`,
    remindersEnded: 'Reminders for this delivery have ended.',
    daysToAcceptance: (days) => `Accepted ${days === 1 ? '1 day' : `${days} days`} after delivery.`,
  },
  help: {
    title: 'Kenshu commands',
    intro: 'Record what you deliver; Kenshu reminds you what to do if the client goes quiet.',
    optionsLabel: 'options',
    required: 'required',
    consoleExtras: ['/as <name>: act as another member of this console community', '/help: this list', '/quit: leave (or end the input)'],
  },
  console: {
    welcome: (who, driver) => `Kenshu console. You are "${who}" (writer and owner of this community); data: ${driver}. Type /help for commands.`,
    switched: (who) => `You are now "${who}".`,
    currentMember: (who) => `You are "${who}". /as <name> switches.`,
    unknownConsoleCommand: (word) => `There is no command "${word}". Type /help to see the commands.`,
    bye: 'Bye.',
  },
};
