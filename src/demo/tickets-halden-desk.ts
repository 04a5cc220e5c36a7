import { type DemoTicket, days, hours, minutes, text } from './cast.js';

/** Halden Capital's trading desk: the bots in production, what breaks for a trader at the wrong moment. */
export const haldenDeskTickets: DemoTicket[] = [
  {
    requester: 'priya',
    ago: days(1.2),
    department: 'Bot',
    priority: 'urgent',
    type: 'bug',
    fields: {
      system: 'trading_platform',
      impact: 'all_users',
      expected_behaviour: 'Orders stay inside the configured range (58,000 – 64,000).',
      current_behaviour: 'Buy orders at 56,400 and 55,900, below the lower bound.',
      steps_to_reproduce: 'Restart a grid bot created from a template with its own range override.',
    },
    subject: 'Grid bot on BTC-USDT placing orders outside its range',
    description: text(
      'Hi,',
      'Our grid bot "HC-grid-btc-03" is placing buy orders below the lower bound we configured. The lower bound is 58,000 and we are seeing orders at 56,400 and 55,900. It started right after the maintenance window this morning.',
      'We have paused the bot, but two more bots built from the same template are still running. Can you check urgently whether they are affected too?',
      'Priya Raman\nHead of Trading Operations, Halden Capital',
    ),
    steps: [
      { after: minutes(3), by: 'jonas', canned: 'Looking into it' },
      { after: minutes(6), by: 'jonas', set: { assignee: 'jonas', status: 'working' } },
      {
        after: minutes(6),
        by: 'jonas',
        reply: text(
          'Hi Priya,',
          'Thanks for pausing it, that was the right call. I am looking at HC-grid-btc-03 now. Could you tell me the names of the other two bots that use the same template? Until we know more, I would pause them as well, or at least narrow their ranges so that a misplaced order cannot fill far from the market.',
          'Jonas\nTechnical Support',
        ),
      },
      {
        after: minutes(14),
        by: 'priya',
        reply:
          'They are HC-grid-btc-04 and HC-grid-eth-01. Both are paused now. As far as we can see, neither had placed out-of-range orders yet.',
      },
      {
        after: minutes(35),
        by: 'jonas',
        note: 'Reproduced on a test account: since the last release, a bot created from a template reads its range from the template instead of its own override once it restarts. All three restarted in the maintenance window. Raised with engineering as BOT-2291. Workaround: re-save the bot range, which writes the override again.',
      },
      {
        after: minutes(12),
        by: 'jonas',
        reply: text(
          'Hi Priya,',
          'We found the cause. Since the last release, a bot created from a template takes its price range from the template instead of the range you set on the bot itself, but only after the bot restarts, which all three did in this morning’s maintenance.',
          'Workaround until the fix ships: open each bot, go to Settings → Range and click Save without changing anything. That writes your own range back. Then resume the bot.',
          'The permanent fix has high priority with our engineers. I will keep this ticket open and let you know when it is deployed. Sorry for the trouble.',
          'Jonas',
        ),
      },
      {
        after: hours(1.5),
        by: 'priya',
        reply:
          'Re-saved all three and resumed them; the orders are inside the range now. Please do tell us when the fix is live: we restart our bots every weekend.',
      },
    ],
  },
  {
    requester: 'priya',
    ago: days(6),
    department: 'Account',
    priority: 'normal',
    subject: 'Please add two new traders to our organisation',
    description: text(
      'Hi,',
      'Two traders are joining our desk on Monday and need access to the dashboard:',
      '- Ines Duarte, ines.duarte@haldencapital.example: view and trade\n- Felix Brandt, felix.brandt@haldencapital.example: view only',
      'Please add them to the Halden Capital organisation.',
      'Thanks,\nPriya',
    ),
    steps: [
      {
        after: hours(1.5),
        by: 'maya',
        reply: text(
          'Hi Priya,',
          'Done: both are invited to Halden Capital with the permissions you asked for. The invitations are valid for 7 days. When they first sign in they will be asked to set up two-factor authentication, which is required for trading permissions.',
          'Best,\nMaya Lindqvist\nSupport Lead',
        ),
      },
      { after: days(3), by: 'priya', reply: 'Both are in and set up. Thanks Maya!' },
      { after: hours(2), by: 'maya', set: { status: 'resolved' } },
    ],
  },
  {
    requester: 'priya',
    ago: hours(2.4),
    department: 'Bot',
    priority: 'normal',
    subject: 'How do I copy a bot configuration to another account?',
    description:
      'Hi, we have a well-tuned DCA bot on our main exchange account and want the same configuration on our second one (Kraken). Is there a way to copy it, or do we have to enter every setting again by hand?\n\nPriya',
    steps: [],
  },
  {
    requester: 'priya',
    ago: days(25),
    department: 'Technical',
    priority: 'urgent',
    subject: 'Dashboard returns 502 Bad Gateway',
    description:
      'The dashboard has been returning 502 Bad Gateway for all of us for about ten minutes. The API seems fine (our bots are still trading), but we cannot see our positions. Please advise.',
    steps: [
      { after: minutes(6), by: 'jonas', set: { assignee: 'jonas', status: 'working' } },
      {
        after: minutes(3),
        by: 'jonas',
        reply: text(
          'Hi Priya,',
          'We are aware and working on it: the dashboard is down for all customers. Trading, bots and the API are not affected. Updates are on our status page, and I will post here as soon as it is back.',
          'Jonas',
        ),
      },
      {
        after: minutes(38),
        by: 'jonas',
        reply: text(
          'The dashboard is back. A configuration change to our CDN sent traffic to servers that had been taken out of service; it has been rolled back. Please tell us if anyone on your side still sees errors (a hard refresh may be needed).',
          'Jonas',
        ),
      },
      { after: minutes(15), by: 'priya', reply: 'Working again here. Thanks for the quick updates.' },
      { after: minutes(20), by: 'jonas', set: { status: 'resolved' } },
      {
        after: days(3),
        by: 'priya',
        reply:
          'We are getting 502s on the dashboard again, for the last five minutes or so. Same problem as last time?',
      },
      { after: minutes(8), by: 'jonas', set: { status: 'working' } },
      {
        after: minutes(4),
        by: 'jonas',
        reply: text(
          'Hi Priya,',
          'A different cause this time: one of our two web servers in Frankfurt failed a health check, and requests already queued on it failed. It has been replaced and the dashboard should work normally again. I am sorry for the disruption.',
          'Jonas',
        ),
      },
      { after: minutes(25), by: 'priya', reply: 'Confirmed, all fine now.' },
      { after: minutes(10), by: 'jonas', set: { status: 'resolved' } },
    ],
  },
  {
    requester: 'priya',
    ago: days(2),
    department: 'Bot',
    priority: 'normal',
    subject: 'DCA bot skipped two scheduled buys overnight',
    description: text(
      'Our DCA bot "HC-dca-eth" buys every hour. The activity log shows no buys at 02:00 and 03:00 UTC last night, and no error either. All the other hours are fine.',
      'We would like to understand what happened before we increase its allocation.',
      'Priya',
    ),
    steps: [
      {
        after: hours(1),
        by: 'jonas',
        reply: text(
          'Hi Priya,',
          'Thanks for the details. I am checking the bot’s execution log on our side now. Did anything change on the bot or on the exchange account (API key, permissions, balance) around that time?',
          'Jonas',
        ),
      },
      {
        after: minutes(40),
        by: 'priya',
        reply: 'No changes on our side, and the balance was well above the order size all night.',
      },
      { after: minutes(20), by: 'jonas', set: { status: 'working', priority: 'high' } },
      {
        after: minutes(15),
        by: 'jonas',
        note: 'Execution log: the exchange answered HTTP 429 from 01:58 to 03:05 UTC. The connector retried each order 3 times, then gave up without writing to the activity log. Two bugs: no retry later in the hour, and a silent failure. Asking the exchange-connector team whether it was an exchange-wide rate-limit event.',
      },
    ],
  },
];
