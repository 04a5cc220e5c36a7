import { type DemoTicket, days, hours, minutes, note, reply, set, text } from './cast.js';

/** Bluefin Digital Assets: a crypto market maker; busy, technical, sometimes urgent. */
export const bluefinTickets: DemoTicket[] = [
  {
    requester: 'marcus',
    ago: hours(3.6),
    department: 'Bot',
    priority: 'urgent',
    subject: 'Market-making bot stuck in "Stopping"',
    description:
      'Our market-making bot BF-mm-sol has been in "Stopping" for 25 minutes. It still has open orders on both sides of the book and we cannot cancel them from the dashboard (the button is greyed out). We are exposed, please help ASAP.',
    steps: [
      set(minutes(7), 'jonas', { assignee: 'jonas', status: 'working' }),
      reply(
        minutes(3),
        'jonas',
        'Hi Marcus,',
        'On it. Please do not restart the bot or revoke its API key in the meantime: that would make it harder for us to cancel the orders cleanly. If you need to reduce your exposure right now, you can cancel the orders directly on the exchange; the bot will pick that up.',
        'Jonas',
      ),
      note(
        minutes(12),
        'jonas',
        'The bot worker waits for a cancel-all that the exchange acknowledged but never confirmed. Forcing the state to Stopped would leave orders behind, so cancelling the 14 open orders one by one from the admin console first.',
      ),
      reply(
        minutes(9),
        'jonas',
        'All 14 open orders of BF-mm-sol are cancelled and the bot is stopped.',
        'The cause: the exchange accepted our "cancel all" request but never confirmed it, and the bot waits for that confirmation before it stops. I am now finding out why the confirmation went missing, and we are adding a timeout so that this cannot block a bot again. I will update you here.',
        'Jonas',
      ),
      set(minutes(2), 'jonas', { status: 'working' }),
    ],
  },
  {
    requester: 'aiko',
    ago: days(2.5),
    department: 'Technical',
    priority: 'normal',
    subject: 'Duplicate trades in the order history when paging',
    description:
      'In Trades → History, when I go to page 3 or later, some trades from the previous page appear again, and I think others are missing. It happens during busy market hours, not at night. I can send screenshots if that helps.',
    steps: [
      set(hours(5), 'jonas', { assignee: 'jonas', status: 'working' }),
      note(
        minutes(10),
        'jonas',
        'Reproduced: history pages are cut by offset, so fills arriving between two page loads shift every row down. Needs keyset paging on (executed_at, id); filed for the web team as WEB-877. Reply to Aiko once there is a date.',
      ),
    ],
  },
  {
    requester: 'hannah',
    ago: days(5.5),
    department: 'Billing',
    priority: 'normal',
    channel: 'email',
    subject: 'Tax residency certificate for our auditors',
    description: text(
      'Hi,',
      'Our auditors need a confirmation of your company’s tax residency (or a W-8BEN-E if that is easier) for the year-end audit. Can you provide one?',
      'Best,\nHannah Weiss\nFinance & Compliance, Bluefin Digital Assets',
    ),
    steps: [
      set(hours(3), 'omar', { assignee: 'omar' }),
      reply(
        minutes(10),
        'omar',
        'Hi Hannah,',
        'Certainly. Our certificate of tax residency is issued by our finance department; I have requested it, and they usually need 3–5 business days. I will send it to you here as soon as I have it.',
        'Best regards,\nOmar',
      ),
      set(minutes(3), 'omar', { status: 'on_hold' }),
    ],
  },
  {
    requester: 'marcus',
    ago: days(16),
    department: 'Account',
    priority: 'urgent',
    subject: 'Suspicious sign-in from an unknown IP',
    description:
      'I just got a "new sign-in" email for my account from an IP address in Portugal. Nobody on our team should be in Portugal. Please lock my account until we know what is going on.',
    steps: [
      set(minutes(10), 'maya', { assignee: 'maya', status: 'working' }),
      reply(
        minutes(5),
        'maya',
        'Hi Marcus,',
        'I have signed out every session of your account and blocked new sign-ins until you reset your password; the reset link has been emailed to you. No trades, withdrawals or API key changes were made from the new session: it only viewed the dashboard for about two minutes.',
        'The sign-in came from an address of a VPN provider with an exit in Lisbon. Could someone on your team have used a VPN?',
        'Maya',
      ),
      reply(
        minutes(40),
        'marcus',
        'Found it: it was Hannah, signed in as me on the office laptop with the VPN on. Sorry for the alarm. I have reset my password anyway.',
      ),
      reply(
        minutes(15),
        'maya',
        'No problem at all; better safe than sorry. One suggestion: let Hannah use her own login, and turn on IP allow-listing for your organisation under Settings → Security, so that sign-ins are only accepted from your office and VPN addresses.',
        'Maya',
      ),
      set(hours(1), 'maya', { status: 'resolved' }),
    ],
  },
  {
    requester: 'aiko',
    ago: days(10),
    department: 'Bot',
    priority: 'normal',
    subject: 'Backtest results differ a lot from live performance',
    description:
      'Our grid strategy made +8.2% in a 30-day backtest but only +3.1% live over the following 30 days, in similar market conditions. Is the backtest missing something?',
    steps: [
      reply(
        hours(6),
        'jonas',
        'Hi Aiko,',
        'A gap like this usually comes from three things a backtest can only approximate:',
        '1. Fees: the backtest uses your fee tier at the time you run it. If your live volume put you in another tier, the difference adds up quickly for a grid bot that trades often.\n2. Fills: the backtest assumes a limit order fills as soon as the price touches it. Live, you are in a queue, and many touches do not fill.\n3. Slippage on the market orders at start and stop.',
        'If you send me the backtest ID and the bot’s name, I can compare the trades one by one and tell you which of these explains most of the gap.',
        'Jonas',
      ),
      reply(hours(20), 'aiko', 'Backtest ID bt-55812, bot BF-grid-sol-02. Thank you!'),
      reply(
        days(1),
        'jonas',
        'I have compared both. Of the 5.1 points of difference, about 3.4 come from fills: the backtest counted 412 grid fills, while the bot got 287 live, because the price often touched the grid levels only briefly. Fees account for about 1.2 points and slippage for the rest.',
        'Turning on "Conservative fills" in the backtest settings models the queue more realistically: re-running bt-55812 with it gives +3.6%, much closer to what you saw live.',
        'Jonas',
      ),
      reply(hours(4), 'aiko', 'That explains it, thank you. You can close this.'),
      set(minutes(30), 'jonas', { status: 'resolved' }),
    ],
  },
  {
    requester: 'hannah',
    ago: days(4.5),
    department: 'Technical',
    priority: 'low',
    subject: 'Chart time zone setting is not saved',
    description:
      'I set the chart time zone to Europe/Berlin, but after signing out and in again it is back to UTC.',
    steps: [
      reply(
        hours(20),
        'jonas',
        'Hi Hannah,',
        'Thanks for reporting this. I could not reproduce it straight away. Which browser and version do you use, and do you have the dashboard open in more than one tab or on more than one device?',
        'Jonas',
      ),
      reply(
        hours(26),
        'hannah',
        'Firefox 128 on Windows 11, in one tab. It also happens in Edge on the same machine.',
      ),
    ],
  },
  {
    requester: 'marcus',
    ago: days(7.5),
    department: 'Other',
    priority: 'normal',
    subject: 'Can we get a dedicated account manager?',
    description:
      'Our volume on your platform is growing and we would like a dedicated contact for commercial questions and quarterly reviews. Is that something you offer?',
    steps: [
      reply(
        hours(5),
        'maya',
        'Hi Marcus,',
        'Yes: organisations on the Enterprise plan, or with more than 50 million USD of monthly volume, get a dedicated account manager, and Bluefin crossed that threshold last month. I will introduce you to Elena Rossi from our commercial team; she can do a first call next week. Which days suit you?',
        'Maya',
      ),
      reply(hours(3), 'marcus', 'Great news. Tuesday or Wednesday afternoon (CET) would work for us.'),
      reply(
        hours(18),
        'maya',
        'Elena has sent you an invitation for Tuesday at 15:00 CET. I am closing this ticket: Elena is your contact for commercial matters from now on, and this desk is of course still here for everything else.',
        'Maya',
      ),
      set(minutes(5), 'maya', { status: 'resolved' }),
    ],
  },
  {
    requester: 'hannah',
    ago: hours(14),
    department: 'Account',
    priority: 'urgent',
    subject: 'Account suspended for non-payment, but we paid',
    description:
      'Our account shows "Suspended: payment overdue" and all our bots have been stopped. We paid invoice INV-10391 by bank transfer five days ago, with the reference BLUEFIN-10391. This is costing us money every hour; please restore access immediately.',
    steps: [
      set(minutes(8), 'maya', { department: 'Billing', assignee: 'omar' }),
      note(
        minutes(1),
        'maya',
        'Moved to Billing and assigned to Omar: a payment-matching problem, not an account one. Urgent, their bots are stopped.',
      ),
      set(minutes(12), 'omar', { status: 'working' }),
      reply(
        minutes(18),
        'omar',
        'Hi Hannah,',
        'I am very sorry. Your payment arrived on time, but its reference was not in the format our system matches on, so it was held for manual review, and the automatic suspension went ahead anyway. I have matched the payment to INV-10391 and reactivated your account; your bots can be started again from the dashboard.',
        'I have also asked our finance team why a payment held for review does not stop a suspension.',
        'Omar',
      ),
      reply(
        minutes(40),
        'hannah',
        'Access is back and the bots are running, thanks for the fast fix. How can we make sure this does not happen again: is there a reference format that always matches?',
      ),
    ],
  },
  {
    requester: 'aiko',
    ago: minutes(35),
    department: 'Bot',
    priority: 'low',
    subject: 'Bot notifications arrive twice on Telegram',
    description:
      'Since this week every bot notification (order filled, bot started or stopped) arrives twice in our Telegram group, a second or two apart. Notifications to my own chat arrive once, as they should.',
    steps: [],
  },
  {
    requester: 'marcus',
    ago: days(2.2),
    department: 'Technical',
    priority: 'normal',
    subject: 'Higher API rate limit for our account',
    description:
      'We hit the limit of 1,200 requests per minute on the REST API during volatile periods, mostly polling order status. Can the limit be raised for our account?',
    steps: [
      reply(
        hours(2),
        'jonas',
        'Hi Marcus,',
        'We can raise it, but first a suggestion that may make it unnecessary: polling order status is the most common reason accounts hit the limit. The private WebSocket channel "orders" pushes every status change as it happens and does not count against the REST limit. Most customers who switch no longer need a higher limit.',
        'If you still need one after that, tell me your expected peak rate and I will request it from the platform team.',
        'Jonas',
      ),
    ],
  },
];
