import { type DemoTicket, days, hours, minutes, note, reply, set, text } from './cast.js';

/** Kestrel Family Office: a small investment office, mostly billing, reports and admin questions. */
export const kestrelTickets: DemoTicket[] = [
  {
    requester: 'daniel',
    ago: days(5),
    department: 'Billing',
    priority: 'normal',
    channel: 'email',
    subject: 'Charged twice for the Pro plan this month',
    description: text(
      'Hello,',
      'Our card statement shows two charges of 1,400.00 EUR from you on the same day, both for the Pro plan. We only have one subscription. Please refund the duplicate.',
      'Daniel Okafor\nKestrel Family Office',
    ),
    steps: [
      set(hours(2), 'omar', { assignee: 'omar' }),
      reply(
        minutes(15),
        'omar',
        'Dear Daniel,',
        'You are right, and I apologise. Our payment processor retried a charge that had in fact already gone through, so your card was charged twice. I have refunded the duplicate 1,400.00 EUR; depending on your bank it will appear on your statement within 3–5 business days. Your subscription itself is not affected.',
        'Best regards,\nOmar Haddad\nBilling',
      ),
      reply(hours(20), 'daniel', 'Thank you for sorting this out so quickly.'),
      set(hours(1), 'omar', { status: 'resolved' }),
    ],
  },
  {
    requester: 'sofia',
    loggedBy: 'maya',
    ago: days(1.5),
    department: 'Account',
    priority: 'normal',
    subject: 'Change the primary contact of Kestrel Family Office',
    description: text(
      '(Logged by Support from a phone call.)',
      'Please make Daniel Okafor the primary contact of Kestrel Family Office instead of me. I am moving to a different role at the end of the month, and Daniel takes over billing and administration.',
      'Sofia Marín',
    ),
    steps: [
      set(minutes(2), 'maya', { assignee: 'maya' }),
      note(
        minutes(3),
        'maya',
        'Ownership changes need written confirmation from the current primary contact. Sofia said she would confirm by email today; change it once that arrives.',
      ),
    ],
  },
  {
    requester: 'daniel',
    ago: hours(12),
    department: 'Bot',
    priority: 'normal',
    subject: 'What does "trailing deviation" mean?',
    description:
      'In the take-profit settings of our bot there is a field "Trailing deviation (%)". The help text does not make it clear to me. If I set 1%, when exactly does the bot sell?',
    steps: [
      reply(
        hours(2),
        'jonas',
        'Hi Daniel,',
        'Good question, and the help text could be clearer. With trailing take profit, the bot does not sell the moment your take-profit target is reached. Instead it follows the price up and sells once the price falls back from the highest price seen by the trailing deviation.',
        'An example: take profit at 3%, trailing deviation 1%. The price reaches +3% and climbs on to +5%; the bot sells when the price has dropped 1% from that peak, at about +4%. If the price touches +3% and turns straight away, the bot sells at about +2%, so you can end up slightly below the target.',
        'I have passed your feedback about the help text on to our product team.',
        'Jonas',
      ),
    ],
  },
  {
    requester: 'sofia',
    ago: days(5),
    department: 'Technical',
    priority: 'normal',
    subject: 'Monthly performance report PDF is blank',
    description:
      'When I download the monthly performance report as a PDF, the file has the right number of pages but they are all blank. The report on screen looks fine. I use Safari on a Mac.',
    steps: [
      reply(
        hours(5),
        'jonas',
        'Hi Sofia,',
        'Thank you for reporting this. It is a known problem of the PDF export in recent Safari versions: the charts are drawn after Safari has already produced the file. The fix is planned for the next release. Until then the export works in Chrome and Firefox; could you try one of those?',
        'Jonas',
      ),
      reply(
        hours(3),
        'sofia',
        'Chrome works, thanks. Could you let me know when the Safari fix is out? Most of our team uses Safari.',
      ),
      set(minutes(30), 'jonas', { status: 'on_hold' }),
      note(
        minutes(1),
        'jonas',
        'On hold until release 3.15 (Safari PDF export fix). Tell Sofia when it is deployed.',
      ),
    ],
  },
  {
    requester: 'daniel',
    ago: days(11),
    department: 'Other',
    priority: 'normal',
    subject: 'Dark mode for the mobile app?',
    description:
      'Are there any plans for a dark mode in the iOS app? The web dashboard has one, and the app is very bright at night.',
    steps: [
      set(hours(6), 'maya', { priority: 'low' }),
      reply(
        minutes(1),
        'maya',
        'Hi Daniel,',
        'Thanks for the suggestion. Dark mode for the mobile apps is on our roadmap, and I have added your vote to the request, which helps it move up. I cannot promise a date yet, so I am closing this ticket for now; new features are announced in the release notes and in the app itself.',
        'Best,\nMaya',
      ),
      set(minutes(1), 'maya', { status: 'resolved' }),
    ],
  },
  {
    requester: 'sofia',
    ago: hours(1.2),
    department: 'Billing',
    priority: 'low',
    subject: 'Please add our company address to invoices',
    description: text(
      'Hello, our accountant has asked that our invoices show the full company address:',
      'Kestrel Family Office AG\nSeefeldquai 17\n8008 Zürich\nSwitzerland',
      'Could you add it from the next invoice on? Thank you.',
    ),
    steps: [],
  },
  {
    requester: 'daniel',
    ago: days(1.8),
    department: 'Technical',
    priority: 'high',
    subject: 'API key rejected with "invalid signature" after rotating keys',
    description:
      'We rotated our API keys this morning. The first new key works, but requests signed with the second one are rejected with "invalid signature". Same code, same server. We have double-checked the secret.',
    steps: [
      set(minutes(30), 'jonas', { assignee: 'jonas', status: 'working' }),
      reply(
        minutes(20),
        'jonas',
        'Hi Daniel,',
        'After a rotation this usually has one of two causes: a clock difference of more than 5 seconds between your server and ours (the signature includes a timestamp), or a secret copied with a trailing space or line break. Could you check the server’s clock, and the length of the secret you use? It should be 64 characters.',
        'Jonas',
      ),
      reply(
        hours(2),
        'daniel',
        'The server clock was 4 seconds off; we have fixed that with NTP. The secret is 64 characters. The second key is still rejected, the first one keeps working.',
      ),
      reply(
        minutes(35),
        'jonas',
        'Thanks for checking. I have looked at the key itself: the second key was created read-only, and the endpoint you call places orders. Our API answers that case with "invalid signature" instead of a permission error, which is misleading; I have reported it as a bug.',
        'If you edit the key under Settings → API keys and enable "Trade", your requests should go through. Could you try that and let me know?',
        'Jonas',
      ),
    ],
  },
  {
    requester: 'sofia',
    ago: days(3.5),
    department: 'Account',
    priority: 'low',
    subject: 'Full export of our data before the end of the quarter',
    description:
      'For our records we need a full export of our organisation’s data before the end of the quarter: trade history, bot configurations, invoices and the list of users. In which format can you provide it?',
    steps: [
      set(hours(4), 'maya', { assignee: 'maya' }),
      reply(
        minutes(5),
        'maya',
        'Hi Sofia,',
        'We can provide all of that. Trade history, invoices and the user list come as CSV files and bot configurations as JSON, packed together in one encrypted ZIP file. I have started the export; for an account with your history it takes up to 48 hours. You will get a download link here, valid for 7 days.',
        'Best,\nMaya',
      ),
      set(minutes(2), 'maya', { status: 'working' }),
    ],
  },
];
