import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type Received = { envelope: { from: string; to: string[] }; raw: string; mail: ParsedMail };

/**
 * A real SMTP server on a random local port that keeps what it receives; can refuse mail on demand.
 * With `auth`, it takes mail only from a client that logs in with that user and password.
 */
export async function startSmtpSink(opts: { auth?: { user: string; pass: string } } = {}) {
  const received: Received[] = [];
  let refusing = false;
  const { auth } = opts;
  const server = new SMTPServer({
    authOptional: !auth,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // close() waits this long for clients to hang up before cutting them off. The app keeps pooled
    // connections open until they idle out, so the default of 30 s made every file wait 30 s at the end.
    closeTimeout: 100,
    onAuth(login, _session, callback) {
      if (auth && login.username === auth.user && login.password === auth.pass) {
        return callback(null, { user: login.username });
      }
      callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (refusing) return callback(Object.assign(new Error('Service unavailable'), { responseCode: 451 }));
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          envelope: {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          },
          raw,
          mail: await simpleParser(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    refuse(on: boolean) {
      refusing = on;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
