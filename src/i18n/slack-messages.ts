/**
 * What Kenshu says only on Slack, where a form (a modal) stands in for a command's options. Part
 * of `Messages`; the labels of a delivery's facts come from `delivery` and `deliveryEdit`.
 */
export interface SlackMessages {
  /** The `/deliver new` modal. Slack allows a modal title and its buttons 24 characters. */
  deliverModal: {
    title: string;
    submit: string;
    close: string;
    profile: string;
    currency: string;
    /** An escrow answer, as the option is typed: yes, no, unknown. */
    escrowAnswer: Record<'yes' | 'no' | 'unknown', string>;
  };
  /** The Reject form of the review queue; its title and field are `modQueue`'s, as on Discord. */
  reasonModal: {
    submit: string;
  };
  /** Where a reply's files went: always the requester's DM with Kenshu, never a shared channel. */
  slackFiles: {
    inDm: string;
    failed: string;
  };
  /** Slack's Home tab: what Kenshu is, then the member's open deliveries as /deliver list shows them. */
  home: {
    intro: string;
    /** For a member Kenshu has not met yet, or who has recorded nothing. */
    newcomer: string;
    /** How many open deliveries the tab leaves out. */
    more: (count: number) => string;
  };
}
