import { createServer as createHttpServer, type Server } from 'node:http';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface CapturedMail {
  to: string;
  subject: string;
  text: string;
  attachments: string[];
}

/**
 * The product's outgoing mail server for end-to-end tests: a real SMTP server that keeps what it
 * receives, and a small HTTP endpoint so test files (in other processes) can read the inbox.
 */
export async function startMailCapture() {
  const received: CapturedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
          received.push({
            to,
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            attachments: mail.attachments.map((a) => a.filename ?? ''),
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as { port: number }).port;
  const http: Server = createHttpServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(received));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const httpPort = (http.address() as { port: number }).port;
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    inboxUrl: `http://127.0.0.1:${httpPort}/`,
    async close() {
      await new Promise<void>((r) => smtp.close(() => r()));
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}

/** Waits for a message to `to` whose subject matches, reading the capture's inbox over HTTP. */
export async function waitForMail(inboxUrl: string, to: string, subject: RegExp, timeoutMs = 30_000) {
  const started = Date.now();
  for (;;) {
    const inbox = (await (await fetch(inboxUrl)).json()) as CapturedMail[];
    const mail = inbox.filter((m) => m.to.includes(to) && subject.test(m.subject)).at(-1);
    if (mail) return mail;
    if (Date.now() - started > timeoutMs) throw new Error(`no mail to ${to} matching ${subject}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
