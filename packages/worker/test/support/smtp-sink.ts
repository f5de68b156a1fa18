import { SMTPServer } from 'smtp-server';
import { parseMail, type ParsedMail } from './parse-mail';

export interface ReceivedMail extends ParsedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: string;
}

/** An SMTP reply that refuses something: 451 (try later), 550 (no such mailbox), … */
export interface SmtpRefusal {
  code: number;
  message: string;
}

export interface SmtpSink {
  readonly port: number;
  /** smtp://127.0.0.1:<port> */
  readonly url: string;
  /** messages the server accepted */
  readonly received: ReceivedMail[];
  /** every message whose DATA arrived, accepted or refused afterwards */
  readonly offered: ReceivedMail[];
  /** answer RCPT TO for this address with a refusal (undefined: accept) */
  refuseRecipient: (address: string) => SmtpRefusal | undefined;
  /** answer the end of DATA with a refusal (undefined: accept) */
  refuseData: () => SmtpRefusal | undefined;
  /**
   * while set, an accepted message is kept (in `received`) but its 250 reply
   * waits for this promise: the sender's mail is in the server and the sender
   * does not know yet, the window a crash between send and record hits
   */
  holdReplies: Promise<void> | undefined;
  /** replies being held back now */
  readonly heldReplies: number;
  close(): Promise<void>;
}

/**
 * A real SMTP server (the `smtp-server` package) on an ephemeral loopback
 * port, keeping every message it accepts. Tests steer its answers through
 * `refuseRecipient` and `refuseData`.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const offered: ReceivedMail[] = [];
  const refusal = (r: SmtpRefusal) => Object.assign(new Error(r.message), { responseCode: r.code });
  const sink = {
    port: 0,
    url: '',
    received,
    offered,
    refuseRecipient: (() => undefined) as SmtpSink['refuseRecipient'],
    refuseData: (() => undefined) as SmtpSink['refuseData'],
    holdReplies: undefined as Promise<void> | undefined,
    heldReplies: 0,
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 1000,
    onRcptTo(address, _session, callback) {
      const r = sink.refuseRecipient(address.address);
      callback(r ? refusal(r) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail: ReceivedMail = {
          ...parseMail(raw),
          raw,
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((a) => a.address),
        };
        offered.push(mail);
        const r = sink.refuseData();
        if (r) return callback(refusal(r));
        received.push(mail);
        const hold = sink.holdReplies;
        if (!hold) return callback(null);
        sink.heldReplies += 1;
        void hold.then(() => {
          sink.heldReplies -= 1;
          callback(null);
        });
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('the SMTP sink has no TCP address');
  sink.port = address.port;
  sink.url = `smtp://127.0.0.1:${address.port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
