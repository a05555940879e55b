import type { ChangeSource, UserRole } from '../generated/prisma/client';

/** The door a change came through, as the change record names it. */
export type ChangeChannel = 'ui' | 'api' | 'import' | 'cli' | 'system';

/** Who is acting, and through which door: every service takes it and checks permissions itself. */
export interface ServiceContext {
  user: { id: number; name: string; email: string; role: UserRole };
  /** recorded on stage history rows: the board is "ui", REST is "api", sync/upserts are "import" */
  source: ChangeSource;
  /** the API key the request came with, recorded on the change record */
  apiKeyId?: number | null;
  /** the change record's channel when it is not the source ("cli", "system") */
  channel?: ChangeChannel;
}
