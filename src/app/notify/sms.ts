// Text messages to parents. No SMS provider has been chosen yet, so the only sender
// is an honest placeholder: it reports that it is not configured and sends nothing,
// and callers show that to staff instead of implying a text went out. A real
// provider will be another SmsSender returned by createSmsSender.

export interface SmsSender {
  readonly configured: boolean;
  /** For the status page and start-up log. */
  readonly description: string;
  /** `sent` is true only when a provider accepted the message. */
  send(to: string, text: string): Promise<{ sent: boolean }>;
}

export const SMS_NOT_CONFIGURED_DESCRIPTION = "SMS is not configured: no provider is set up, so no text messages are sent";

export class NotConfiguredSmsSender implements SmsSender {
  readonly configured = false;
  readonly description = SMS_NOT_CONFIGURED_DESCRIPTION;

  // The message holds child data: it is neither kept nor logged here.
  async send(_to: string, _text: string): Promise<{ sent: boolean }> {
    return { sent: false };
  }
}

export function createSmsSender(): SmsSender {
  return new NotConfiguredSmsSender();
}
