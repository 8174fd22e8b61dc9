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
};
