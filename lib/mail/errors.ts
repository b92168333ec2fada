// Typed mail errors. They name the event and the failure, never the message's subject or bodies.

/** The SMTP server could not take a message: it stays recorded with `sent_at` null, for a later retry. */
export class MailSendError extends Error {
  constructor(
    readonly eventKey: string,
    readonly messageId: string,
    /** nodemailer's error code (ECONNECTION, ETIMEDOUT, EAUTH, EENVELOPE, …) when it gave one. */
    readonly code: string | null,
    options?: { cause?: unknown },
  ) {
    super(`Could not send mail for event ${eventKey} (message ${messageId})${code ? `: ${code}` : ""}`, options);
    this.name = "MailSendError";
  }
}

/** The message itself is unusable (no event key, a recipient that is not an email address, …). */
export class InvalidMailError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid mail message: ${problems.join("; ")}`);
    this.name = "InvalidMailError";
  }
}
