import 'server-only';
import { db } from '../../db';
import { isMailConfigured } from '../mail/send-mail';
import { DEMO_WORKSPACE_SETTING } from '../settings/demo-workspace-setting';

export interface SignInPageState {
  /** no user exists yet: offer to create the first admin */
  empty: boolean;
  /** the demo workspace: show its accounts and password */
  demo: boolean;
  /** reset links can be emailed */
  mailConfigured: boolean;
}

/** What the signed-out pages need to know about the workspace (nothing about any one user). */
export async function getSignInPageState(): Promise<SignInPageState> {
  const [users, demo] = await Promise.all([db.user.count(), db.setting.findUnique({ where: { key: DEMO_WORKSPACE_SETTING }, select: { value: true } })]);
  return { empty: users === 0, demo: demo?.value === true, mailConfigured: isMailConfigured() };
}
