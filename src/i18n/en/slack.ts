import type { SlackMessages } from '../slack-messages.js';

export const enSlack: SlackMessages = {
  deliverModal: {
    title: 'Record a delivery',
    submit: 'Record',
    close: 'Cancel',
    profile: "Client's profile",
    currency: 'Currency',
    escrowAnswer: { yes: 'Yes, funded', no: 'No, not funded', unknown: "Don't know" },
  },
  reasonModal: {
    submit: 'Reject',
  },
  slackFiles: {
    inDm: 'The file is in your direct messages with Kenshu, not in this channel.',
    failed: 'The file could not be sent to your direct messages with Kenshu. Please try the command again in a moment.',
  },
  home: {
    intro: 'Kenshu follows each delivery you record until the client accepts it and pays, and tells you the right next step. You can also send Kenshu a command in the Messages tab (for example "deliver list"); /kenshu help lists them all.',
    newcomer: 'You have not recorded a delivery yet. Record your first one with /deliver new.',
    more: (count) => `${count} more: see /deliver list.`,
  },
};
