import { type DemoTicket, days, hours, minutes, text } from './cast.js';

/** Halden Capital, a trading firm running grid and DCA bots: its quant and finance (the desk: tickets-halden-desk.ts). */
export const haldenTickets: DemoTicket[] = [
  {
    requester: 'lea',
    ago: days(9),
    department: 'Billing',
    priority: 'normal',
    channel: 'email',
    subject: 'Last month’s invoice shows our old VAT number',
    description: text(
      'Hello,',
      'The invoice we received for last month (INV-10472) shows our old VAT number, DE 281 554 903. Our current VAT ID is DE 318 220 746; we updated it in the organisation profile a few weeks ago.',
      'Our auditors need a corrected invoice. Could you please reissue it?',
      'Kind regards,\nLea Fischer\nFinance, Halden Capital',
    ),
    steps: [
      { after: hours(2.5), by: 'omar', set: { assignee: 'omar' } },
      {
        after: minutes(20),
        by: 'omar',
        reply: text(
          'Hi Lea,',
          'Thank you for spotting this. Invoices are generated from the billing profile, which still held the old VAT ID: the organisation profile and the billing profile are stored separately, which we know is confusing.',
          'I have updated the billing profile to DE 318 220 746 and reissued the invoice as INV-10472-R1. You will find it under Billing → Invoices, and it has also been emailed to your finance address. The original invoice is cancelled.',
          'Best regards,\nOmar Haddad\nBilling',
        ),
      },
      { after: hours(19), by: 'lea', reply: 'Received, thank you Omar. That is all we needed.' },
      { after: minutes(25), by: 'omar', set: { status: 'resolved' } },
    ],
  },
  {
    requester: 'tomasz',
    ago: days(3),
    department: 'Technical',
    priority: 'high',
    subject: 'Market data WebSocket disconnects every ~10 minutes',
    description: text(
      'Since yesterday afternoon our connection to the v2 market data WebSocket drops roughly every 10 minutes with close code 1006. We reconnect automatically, but we lose a few seconds of order book updates each time and our strategies notice.',
      'Nothing changed on our side. We connect from two servers in Frankfurt and both see it. Is there a known issue?',
      'Tomasz',
    ),
    steps: [
      { after: minutes(40), by: 'jonas', set: { assignee: 'jonas', status: 'working' } },
      {
        after: minutes(10),
        by: 'jonas',
        reply: text(
          'Hi Tomasz,',
          'No known issue yet, but you are the second customer in Frankfurt to mention it today, so it is likely on our side. To narrow it down, could you send:',
          '- the exact times (UTC) of a few disconnects,\n- whether you send pings yourself, and how often,\n- your connection IDs (the first message after connecting shows them).',
          'Thanks,\nJonas',
        ),
      },
      {
        after: hours(1.2),
        by: 'tomasz',
        reply:
          'Disconnects at 14:02:11, 14:12:14 and 14:22:15 UTC, and so on: very regular. We do not send pings ourselves, we rely on the server’s. Connection IDs: c-7f21a9 and c-7f21b4.',
      },
      {
        after: minutes(50),
        by: 'jonas',
        note: 'Both connections went through the new eu-central load balancer pool. Its idle timeout is 600 s and it does not count our server pings as activity. Infra raised the timeout to 3600 s (as on the old pool); the ping handling gets a proper fix next sprint.',
      },
      {
        after: minutes(30),
        by: 'jonas',
        reply: text(
          'Hi Tomasz,',
          'Thank you, the timestamps made this quick to find. Your connections went through a new load balancer in Frankfurt that closed connections it considered idle after 10 minutes, even while data was flowing. We have raised that limit, so connections opened from now on should stay up.',
          'Could you reconnect both servers and tell me whether you still see drops over the next few hours? Independently of this, sending your own ping every 30 seconds makes a connection robust against this kind of problem.',
          'Jonas',
        ),
      },
    ],
  },
  {
    requester: 'lea',
    ago: hours(7),
    department: 'Billing',
    priority: 'high',
    channel: 'email',
    subject: 'Top-up of 25,000 USDT not credited',
    description: text(
      'Hello,',
      'About three hours ago we sent a top-up of 25,000 USDT (TRC-20) to our deposit address. The transaction is confirmed on chain, but our balance in the dashboard has not changed.',
      'Transaction hash: 7c1e0b9f4d2a6e35b8c07d91f2a4e6b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e93a',
      'Our bots are close to their margin limits, so we need this credited today.',
      'Lea Fischer\nFinance, Halden Capital',
    ),
    steps: [
      { after: minutes(25), by: 'omar', set: { assignee: 'omar', status: 'working' } },
      {
        after: minutes(20),
        by: 'omar',
        note: 'Transfer confirmed on chain (40+ confirmations). It went to the deposit address of Halden’s old sub-account, closed last quarter, so it was not matched to any balance. Treasury is moving it to the main account by hand; they said within 2 hours.',
      },
      {
        after: minutes(10),
        by: 'omar',
        reply: text(
          'Hi Lea,',
          'We have found your transfer. It was sent to the deposit address of a sub-account that was closed some time ago, so our system could not match it to your balance automatically. Nothing is lost: our treasury team is moving the funds to your main account now, and I expect your balance to be credited within two hours.',
          'To avoid this in future, please always use the deposit address shown under Billing → Top up; it is always your current one.',
          'I will confirm here once the funds are credited.',
          'Omar',
        ),
      },
    ],
  },
  {
    requester: 'tomasz',
    ago: days(14),
    department: 'Other',
    priority: 'low',
    subject: 'Is there a sandbox for testing strategies?',
    description:
      'Hi, we would like to test new strategies against the API without risking real funds. Is there a sandbox or paper-trading environment? If so, do API keys work the same way there?\n\nTomasz',
    steps: [
      {
        after: hours(3),
        by: 'maya',
        reply: text(
          'Hi Tomasz,',
          'Yes: every organisation has a paper-trading workspace. Switch to it from the workspace menu (top left) → Paper trading. It uses live market data with simulated fills and starts with a virtual balance of 100,000 USDT, which you can reset at any time.',
          'API keys are separate: create them inside the paper-trading workspace and use the same endpoints. The key decides which workspace the orders go to.',
          'Best,\nMaya',
        ),
      },
      {
        after: hours(5),
        by: 'tomasz',
        reply: 'Great, found it. One more question: are fees simulated in paper trading?',
      },
      {
        after: hours(16),
        by: 'maya',
        reply: text(
          'They are. Paper trading applies your organisation’s current fee tier to every simulated fill, so results are comparable with live trading. Slippage is simulated from the order book at the moment of the order.',
          'Maya',
        ),
      },
      { after: days(2), by: 'maya', set: { status: 'resolved' } },
    ],
  },
  {
    requester: 'tomasz',
    ago: days(20),
    department: 'Technical',
    priority: 'low',
    subject: 'Typo in the CSV export header: "Excecuted at"',
    description:
      'A minor one: the trade history CSV export has a column called "Excecuted at". Our import script matches on the header, so we would rather you told us before you fix it :)\n\nTomasz',
    steps: [
      {
        after: hours(4),
        by: 'jonas',
        reply: text(
          'Hi Tomasz,',
          'Good catch, and thanks for the warning about your import script. The column will be renamed to "Executed at" in the next release, on Thursday, and the release notes will mention it. If you would rather keep the old header for a while, tell me and I will ask for a compatibility switch.',
          'Jonas',
        ),
      },
      { after: hours(2), by: 'tomasz', reply: 'No need, we will update the script. Thanks!' },
      { after: minutes(30), by: 'jonas', set: { status: 'resolved' } },
    ],
  },
  {
    requester: 'lea',
    ago: days(4),
    department: 'Billing',
    priority: 'normal',
    subject: 'Switching to annual billing',
    description: text(
      'Hello,',
      'We would like to move our Professional plan from monthly to annual billing. Could you tell us the annual price, and whether the change can take effect from the next billing date?',
      'Lea',
    ),
    steps: [
      { after: hours(3), by: 'omar', set: { assignee: 'omar' } },
      {
        after: minutes(10),
        by: 'omar',
        reply: text(
          'Hi Lea,',
          'Happy to help. Annual billing for the Professional plan is 10% cheaper than monthly: for your 12 seats that is 15,120 EUR a year instead of 16,800 EUR. The switch can take effect on your next billing date; I would send you a quote to approve first.',
          'Shall I prepare it?',
          'Omar',
        ),
      },
      {
        after: days(1),
        by: 'lea',
        reply:
          'Thanks Omar. This needs sign-off from our CFO, who is travelling until Monday. I will come back to you then.',
      },
      { after: hours(1), by: 'omar', set: { status: 'on_hold' } },
      {
        after: minutes(2),
        by: 'omar',
        note: 'Waiting for sign-off from Halden’s CFO; Lea expects an answer on Monday. Quote drafted in the billing system as Q-0417.',
      },
    ],
  },
  {
    requester: 'tomasz',
    ago: hours(19),
    department: 'Account',
    priority: 'high',
    subject: 'Lost my 2FA device',
    description:
      'My phone was stolen yesterday, and my authenticator app with it, so I cannot sign in to the dashboard. My recovery codes are at the office but I am working from home this week. Can you reset my two-factor authentication?\n\nTomasz Nowak',
    steps: [
      { after: minutes(45), by: 'maya', set: { assignee: 'maya' } },
      {
        after: minutes(5),
        by: 'maya',
        reply: text(
          'Hi Tomasz,',
          'Sorry to hear about your phone. Because your account has trading permissions, we have to verify your identity before we reset two-factor authentication. The quickest way is a short video call with your ID at hand. Alternatively, Priya, as an administrator of your organisation, can confirm the request in writing on this ticket.',
          'When would suit you for a call, today or tomorrow?',
          'Best,\nMaya',
        ),
      },
      {
        after: hours(1.3),
        by: 'tomasz',
        reply: 'A call this afternoon works for me, any time between 3 and 5 pm CET.',
      },
    ],
  },
];
