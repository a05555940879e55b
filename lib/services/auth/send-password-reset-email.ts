import 'server-only';
import { sendMail } from '../mail/send-mail';

/** The "forgot password" email (better-auth calls it with the reset link); nothing is sent without SMTP. */
export async function sendPasswordResetEmail({ email, name, url }: { email: string; name: string; url: string }): Promise<void> {
  await sendMail({
    to: email,
    subject: 'Reset your Dealboard password',
    text: `Hello ${name},\n\nSomeone asked to reset the password of your Dealboard account. To choose a new password, open this link within an hour:\n\n${url}\n\nIf it was not you, ignore this email: your password stays as it is.\n`,
  });
}
